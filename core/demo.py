"""Demo content: the shared corpus copied into `core/demo_content/`, and demo accounts for each role."""

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
DEMO_ACCOUNTS_FILE = Path(settings.VAR_DIR) / "demo-accounts.txt"


def read_demo_file(name: str) -> list[dict[str, Any]]:
    """The list of records in one of the corpus files (`members`, `practices`, `events`)."""
    data = json.loads((DEMO_CONTENT_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data[name]


@dataclass
class DemoAccount:
    username: str
    email: str
    role: str
    password: str | None  # set only when the account was created by this run


def ensure_demo_account(
    username: str,
    *,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
    groups: list[Group] | None = None,
    configure: Callable[[Any], None] | None = None,
) -> DemoAccount:
    """Create the account once with a random password; later runs leave its password alone."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = user_model(username=username, email=email, first_name=first_name, last_name=last_name)
        user.is_staff = is_superuser
        user.is_superuser = is_superuser
        user.set_password(password)
        user.save()
    if groups:
        user.groups.add(*groups)
    if configure is not None:
        configure(user)
    return DemoAccount(username=username, email=email, role=role, password=password)


def record_new_accounts(accounts: list[DemoAccount]) -> None:
    """Append newly created accounts to var/demo-accounts.txt (readable by the owner only)."""
    created = [account for account in accounts if account.password]
    if not created:
        return
    DEMO_ACCOUNTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    with DEMO_ACCOUNTS_FILE.open("a", encoding="utf-8") as handle:
        for account in created:
            handle.write(f"{account.role}\t{account.username}\t{account.password}\n")
    DEMO_ACCOUNTS_FILE.chmod(0o600)
