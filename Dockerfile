# One image for the web process and the Celery worker (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# gettext: msgfmt, to compile the Thai translations at build time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Compiled messages and collected static files belong to the image. A throwaway
# key lets settings load at build time; the real one comes from the environment.
RUN find . -path ./.venv -prune -o -name '*.po' -print \
        | while read -r po; do msgfmt --check-format -o "${po%.po}.mo" "$po"; done \
    && SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v 0

RUN useradd --system --uid 1000 --home-dir /app app \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var
USER app

ENV MEDIA_ROOT=/app/var/media
VOLUME ["/app/var/media"]
EXPOSE 8000

# The health checks are in docker-compose.yml, since the worker and beat run this image too.

# gunicorn: gunicorn.conf.py (WEB_CONCURRENCY workers, default 3, of 4 threads; access
# log on stdout, JSON with the request id when LOG_FORMAT=json).
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "smartcity.wsgi:application"]
