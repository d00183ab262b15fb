"""Demo and benchmark data: the `make run` portal (load_demo, load_demo_reports) and bench/'s
bulk fixtures (generate_bench_data).

Installed only where it is used (smartcity/settings/base.py: DEBUG, DEMO_DATA=true, or the test
suite), never in production. It sits just below smartcity in the layers, so it may import
every domain app and none of them imports it.
"""
