from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from classification import views as classification_views

admin.site.site_header = "Classification Portal administration"
admin.site.site_title = "Classification Portal"

urlpatterns = [
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
    path("admin/", admin.site.urls),
]
