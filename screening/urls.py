from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from screening.api import ScreeningCreateApi

app_name = "screening"

urlpatterns = [
    path("api/v1/screenings", ScreeningCreateApi.as_view(), name="api-screenings"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerView.as_view(url_name="screening:api-schema"),
        name="api-docs",
    ),
]
