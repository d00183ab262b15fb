"""scripts/layers.py: no cycle of apps or of modules, and its module check sees a hidden circle."""

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("layers", ROOT / "scripts" / "layers.py")
layers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(layers)


def test_the_code_has_no_cycle_of_apps_or_modules(capsys):
    assert layers.main() == 0
    out = capsys.readouterr().out
    assert "cycles between apps: 0" in out and "cycles between modules: 0" in out


def test_an_import_hidden_inside_a_function_still_makes_a_circle():
    """The shape accounts had: services imported tasks at the top, tasks imported services in a task."""
    services = ast.parse("from .tasks import send_email\n")
    tasks = ast.parse("def sweep():\n    from .services import api_tokens_sweep\n")
    known = {"accounts.services", "accounts.tasks"}
    edges = {
        "accounts.services": set(layers.module_imports(Path("accounts/services.py"), services, known)),
        "accounts.tasks": set(layers.module_imports(Path("accounts/tasks.py"), tasks, known)),
    }
    assert edges == {"accounts.services": {"accounts.tasks"}, "accounts.tasks": {"accounts.services"}}
    assert layers._cycles(edges) == [["accounts.services", "accounts.tasks"]]


def test_from_a_package_import_a_module_is_an_import_of_that_module():
    tree = ast.parse("from . import selectors, services\nfrom .models import Meeting\n")
    known = {"reviews", "reviews.selectors", "reviews.services", "reviews.models"}
    found = set(layers.module_imports(Path("reviews/plugins.py"), tree, known))
    assert found == {"reviews.selectors", "reviews.services", "reviews.models"}
