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
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
