"""Static and uploaded files: the vendored assets and the Thai font, annexes on disk or in S3."""

from pathlib import Path

from core.staticfiles import package_dir

from .environment import BASE_DIR, DEBUG, TESTING, _int, _secret, env

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# The Thai screen font, served from its PyPI package: Noto Sans Thai, a variable font
# (weights 100-900) that also carries Latin, so one family serves both languages.
NOTO_SANS_THAI = ("fonts/noto-sans-thai", package_dir("fontpkg_noto_sans_thai"))
STATICFILES_DIRS = [BASE_DIR / "static", NOTO_SANS_THAI]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploaded files: S3-compatible object storage (django-storages) when a bucket is
# named, so several web and worker machines share them; the local disk otherwise.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": _secret("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": _secret("AWS_SECRET_ACCESS_KEY", default="") or None,
            # Annexes are confidential: private objects, never a public URL;
            # downloads go through the view that checks the reader.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise does not know .ttf; browsers want font/ttf for the self-hosted Thai font.
WHITENOISE_MIMETYPES = {".ttf": "font/ttf"}
UPLOAD_MAX_MB = _int("UPLOAD_MAX_MB", 20, minimum=1)
