from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from classification import views as classification_views
from portal.language import language_set

admin.site.site_header = "Classification Portal administration"
admin.site.site_title = "Classification Portal"

# Outside the language prefix: the admin (staff only, English) and the language switch itself
# (every page's form posts to this one address). The API lives in screening's URLconf, so it is
# inside i18n_patterns, at its unprefixed address as ever (English is not prefixed).
urlpatterns = [
    path("i18n/setlang/", language_set, name="set-language"),
    path("admin/", admin.site.urls),
]

# The pages: English at the addresses they always had, Spanish under /es/.
urlpatterns += i18n_patterns(
    path("", classification_views.home, name="home"),
    path("", include("classification.urls")),
    path("", include("screening.urls")),
    path("", include("casework.urls")),
    # Only the methods each page serves: OPTIONS, TRACE, PUT, DELETE... are a 405.
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(http_method_names=["get", "head", "post"]),
        name="login",
    ),
    path(
        "accounts/logout/",
        auth_views.LogoutView.as_view(http_method_names=["post"]),
        name="logout",
    ),
    prefix_default_language=False,
)
