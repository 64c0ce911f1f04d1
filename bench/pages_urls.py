"""The portal's URLs plus a hello-world view: the reference of `bench/bench_pages.py`, served
by the same gunicorn through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("bench-hello/", hello), *portal_urlpatterns]
