"""Where supporting documents are kept: the file system by default, an S3-compatible store
when `DOCUMENTS_S3_BUCKET` is set (django-storages; boto3 is needed only then)."""

import os
from pathlib import Path

from portal.env import ConfigurationError

S3_VARIABLES = {
    # environment variable -> django-storages S3 option
    "DOCUMENTS_S3_BUCKET": "bucket_name",
    "DOCUMENTS_S3_ENDPOINT_URL": "endpoint_url",
    "DOCUMENTS_S3_REGION": "region_name",
    "DOCUMENTS_S3_ACCESS_KEY_ID": "access_key",
    "DOCUMENTS_S3_SECRET_ACCESS_KEY": "secret_key",
    "DOCUMENTS_S3_PREFIX": "location",
}


def documents_storage(var_dir: Path) -> dict:
    """The `STORAGES["documents"]` entry, from the environment."""
    if not os.environ.get("DOCUMENTS_S3_BUCKET"):
        location = os.environ.get("DOCUMENTS_DIR") or str(Path(var_dir) / "documents")
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            # base_url None: files are never linked directly, only streamed by the view.
            "OPTIONS": {"location": location, "base_url": None},
        }
    try:
        import boto3  # noqa: F401
    except ImportError:
        raise ConfigurationError(
            "DOCUMENTS_S3_BUCKET is set but boto3 is not installed: pip install 'boto3>=1.34,<2'"
        ) from None
    options = {
        option: os.environ[name] for name, option in S3_VARIABLES.items() if os.environ.get(name)
    }
    # Private objects, never a public URL: the portal streams each file itself.
    options |= {"default_acl": "private", "querystring_auth": True, "file_overwrite": False}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
