"""Who may open what: a view decorator that checks permissions, never role names.

Pages behind a permission show personal or working data and are sent never-cached. A signed-in
user's permissions and roles are read in one query a request (`permissions_load`), never kept
beyond it: a permission revoked takes effect on the next request.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.views.decorators.cache import never_cache

from portal import compiled_sql
from portal.roles import ROLES

# Every permission a view asks for, so that a test can check each one exists.
PERMISSIONS_CHECKED: set[str] = set()


def permission_required(*perms: str, message: str = ""):
    """Signed-in users holding every one of `perms`; anonymous visitors sign in, others 403."""
    for perm in perms:
        if perm.count(".") != 1:
            raise ValueError(f"a permission is written 'app_label.codename', not {perm!r}")
    PERMISSIONS_CHECKED.update(perms)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            permissions_load(request.user)
            if not request.user.has_perms(perms):
                raise PermissionDenied(message)  # empty: the 403 page says what is missing
            return view(request, *args, **kwargs)

        return never_cache(wrapped)

    return decorator


def permissions_load(user) -> None:
    """Read the user's permissions (own and their groups') and role names in one query, where
    ModelBackend (`_perm_cache`) and `roles_of` (`_portal_roles`) look for them: the three
    queries they would run each request become one. Superusers are left to Django (they hold
    every permission without a lookup)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return
    if hasattr(user, "_perm_cache") and hasattr(user, "_portal_roles"):
        return
    with connection.cursor() as cursor:
        cursor.execute(_access_sql(), [user.pk] * 3)
        rows = cursor.fetchall()
    user._perm_cache = {f"{app}.{codename}" for kind, app, codename in rows if kind == 0}
    user._portal_roles = frozenset(name for kind, _, name in rows if kind == 1 and name in ROLES)


class OneQueryModelBackend(ModelBackend):
    """Django's ModelBackend, its permissions read by `permissions_load`'s one query wherever
    they are first asked for (a view's `has_perm` before the page's header, too), and the
    signed-in user read by SQL written once a process (`user_read`)."""

    def get_all_permissions(self, user_obj, obj=None):
        if obj is None and user_obj.is_active and not user_obj.is_anonymous:
            permissions_load(user_obj)
        return super().get_all_permissions(user_obj, obj)

    def get_user(self, user_id):
        """As ModelBackend's: the user of this key, None if there is none or they may not
        sign in (deactivated), read afresh each request."""
        user = user_read(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def user_read(user_id):
    """The user of this primary key as the ORM's `get` reads it (every column, the same
    conversions), from SQL written once a process: each signed-in request reads its user,
    and building the ORM's query cost several times what running it did. Only the query's
    text and its columns' converters are kept, never the user."""
    model = get_user_model()
    found = compiled_sql.rows(
        "portal.user-by-pk",
        lambda: model.objects.filter(pk=0).values_list(*_attnames()),  # 0: the key's stand-in
        params=[model._meta.pk.get_db_prep_value(user_id, connection)],
    )
    return model.from_db(connection.alias, _attnames(), list(found[0])) if found else None


@functools.cache
def _attnames() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


@functools.cache
def _access_sql() -> str:
    """The user's own permissions, their groups' and their groups' names (kind 0 and 1)."""
    qn = connection.ops.quote_name
    user_model = get_user_model()
    own = user_model._meta.get_field("user_permissions").remote_field.through._meta
    member = user_model._meta.get_field("groups").remote_field.through._meta
    granted = Group._meta.get_field("permissions").remote_field.through._meta
    permission, content_type, group = Permission._meta, ContentType._meta, Group._meta

    def column(meta, name):
        return f"{qn(meta.db_table)}.{qn(meta.get_field(name).column)}"

    def table(meta):
        return qn(meta.db_table)

    permissions = (
        f"SELECT 0, {column(content_type, 'app_label')}, {column(permission, 'codename')} "
        f"FROM {table(permission)} INNER JOIN {table(content_type)} "
        f"ON {column(content_type, 'id')} = {column(permission, 'content_type')} "
    )
    return (
        f"{permissions}INNER JOIN {table(own)} "
        f"ON {column(own, 'permission')} = {column(permission, 'id')} "
        f"WHERE {column(own, 'user')} = %s "
        f"UNION ALL {permissions}INNER JOIN {table(granted)} "
        f"ON {column(granted, 'permission')} = {column(permission, 'id')} "
        f"INNER JOIN {table(member)} ON {column(member, 'group')} = {column(granted, 'group')} "
        f"WHERE {column(member, 'user')} = %s "
        f"UNION ALL SELECT 1, '', {column(group, 'name')} FROM {table(group)} "
        f"INNER JOIN {table(member)} ON {column(member, 'group')} = {column(group, 'id')} "
        f"WHERE {column(member, 'user')} = %s"
    )
