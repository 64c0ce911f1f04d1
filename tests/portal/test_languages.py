"""The portal in English and Spanish: by address (/es/), by the browser's Accept-Language, by
the switch on every page; error pages and kept (cached) pages in the visitor's language."""

import re

import pytest
from django.conf import settings
from django.template import Context
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import translate_url
from django.utils import translation
from django.views.defaults import server_error

from portal import language
from portal.process_kept import ProcessKept
from portal.templatetags import portal_i18n
from screening.selfcheck import SESSION_KEY
from tests.factories import CASEY, applicant_user, document, officer_user, saved_profile

pytestmark = pytest.mark.django_db


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def _h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def _visible(response) -> str:
    """The page's text as read (tags and attributes left out)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _with_casey(client):
    session = client.session
    session[SESSION_KEY] = document(CASEY)
    session.save()
    return client


def test_english_stays_at_the_addresses_it_always_had(client, loaded_standards):
    response = client.get("/check/results/")  # no self-check yet: back to the form
    assert response.status_code == 302 and response["Location"] == "/check/"
    response = client.get("/")
    assert response.status_code == 200 and _html_lang(response) == "en"
    assert _h1(response) == "Classification and qualification screening"


def test_spanish_lives_under_es(client, loaded_standards):
    response = client.get("/es/")
    assert response.status_code == 200 and _html_lang(response) == "es"
    assert _h1(response) == "Clasificación de puestos y evaluación de requisitos"
    assert response["Content-Language"] == "es"
    assert 'href="/es/check/"' in response.text  # links stay in Spanish


def test_a_browser_asking_for_spanish_is_sent_to_the_spanish_page(client, loaded_standards):
    response = client.get("/check/?x=1", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/es/check/?x=1"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    response = client.get("/check/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200 and _html_lang(response) == "en"


def test_the_api_and_admin_are_never_redirected(client, loaded_standards):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200


def test_the_switch_returns_to_the_same_page_in_the_other_language(loaded_standards):
    client = _with_casey(Client())
    page = client.get("/check/results/")
    assert 'name="next" value="/check/results/"' in page.text
    button = '<button type="submit" name="language" value="es" class="link-button" lang="es">'
    assert button + "Español</button>" in page.text
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/check/results/"})
    assert response.status_code == 302 and response["Location"] == "/es/check/results/"
    spanish = client.get(response["Location"])
    assert _html_lang(spanish) == "es" and _h1(spanish) == "Sus resultados"
    assert 'lang="en">English</button>' in spanish.text
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/es/check/results/"})
    assert response["Location"] == "/check/results/"
    # The choice (a cookie) wins over the browser's Accept-Language.
    english = client.get("/check/results/", HTTP_ACCEPT_LANGUAGE="es")
    assert english.status_code == 200 and _h1(english) == "Your results"


def test_the_switch_works_with_a_csrf_check(loaded_standards):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/standards/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/standards/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and response["Location"] == "/es/standards/"


def test_spanish_results_name_the_standards_and_date_them_in_spanish(loaded_standards):
    client = _with_casey(Client())
    english = client.get("/check/results/")
    assert "nys-call-center-representative" not in _visible(english)
    assert "version 1-" not in english.text and "JSON" not in _visible(english)
    assert "Call Center Representative</span> (version of 1 October 2015)" in english.text
    spanish = client.get("/es/check/results/")
    assert '<span lang="en">Call Center Representative</span>' in spanish.text
    assert "(versión del 1 de octubre de 2015)" in spanish.text
    assert "Cumple los requisitos" in spanish.text and "Todavía no" in spanish.text
    assert "Qué significan los resultados" in spanish.text
    # What is missing, from the engine's own catalogue in the reader's language.
    assert "Necesita un título de licenciatura" in spanish.text
    assert "You need a bachelor&#x27;s degree" in english.text


def test_the_applicants_saved_profile_in_spanish(loaded_standards):
    user = applicant_user()
    profile = saved_profile(user=user)
    client = Client()
    client.force_login(user)
    page = client.get(f"/es/my/profiles/{profile.public_id}/")
    assert page.status_code == 200 and _h1(page) == "Mi perfil"
    assert "Diploma de escuela secundaria" in page.text and "Aún no revisado" in page.text
    assert "Sesión iniciada como" in page.text and "(Solicitante)" in page.text
    listing = client.get("/es/my/profiles/")
    assert "Perfil guardado el" in listing.text


def test_the_officer_reads_of_the_applicant_in_the_third_person(loaded_standards):
    profile = saved_profile()
    client = Client()
    client.force_login(officer_user())
    page = client.get(f"/officer/applicants/{profile.public_id}/")
    assert "The applicant meets this" in page.text
    assert "You meet this" not in page.text and "you have" not in page.text


def test_degree_fields_are_named_not_coded(loaded_standards):
    manager = document(
        CASEY,
        education=[
            {"credential": "high_school_diploma", "completed": "2010-06"},
            {"credential": "bachelor", "completed": "2014-06", "cip": "11.0701"},
        ],
    )
    client = Client()
    session = client.session
    session[SESSION_KEY] = manager
    session.save()
    page = client.get("/check/results/")
    assert "CIP" not in page.text and "51.07" not in page.text and "11.07" not in page.text
    assert "health administration" in page.text
    assert "your bachelor&#x27;s degree is in computer and information sciences" in page.text
    spanish = client.get("/es/check/results/")
    assert "CIP" not in spanish.text and "51.07" not in spanish.text and "11.07" not in spanish.text
    assert "administración" in spanish.text.lower()


def test_not_found_in_spanish(client, loaded_standards):
    response = client.get("/es/standards/no-such-series/")
    assert response.status_code == 404 and _html_lang(response) == "es"
    assert _h1(response) == "Página no encontrada"


def test_a_server_error_in_spanish():
    from django.test import RequestFactory
    from django.utils import translation

    with translation.override("es"):
        response = server_error(RequestFactory().get("/es/"))
    text = response.content.decode()
    assert response.status_code == 500 and '<html lang="es">' in text
    assert "Se ha producido un error" in text and 'href="/es/"' in text


def test_a_too_large_upload_is_refused_in_the_language_of_its_address(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 10
    response = client.post("/es/check/upload/", {"x": "y" * 100})
    assert response.status_code == 413
    assert "El archivo es demasiado grande" in response.content.decode()


def test_kept_pages_are_kept_per_language(loaded_standards):
    """A page kept for every anonymous visitor is never served in another language, and
    carries each visitor's own CSRF token and return address."""
    first, second = Client(), Client()
    english = first.get("/standards/")
    assert "Class series in force" in english.text and _html_lang(english) == "en"
    spanish = second.get("/es/standards/")
    assert _html_lang(spanish) == "es" and "Series de clasificación vigentes" in spanish.text
    assert "Class series in force" not in spanish.text
    again = first.get("/standards/?unrelated=1")
    assert _html_lang(again) == "en" and 'value="/standards/?unrelated=1"' in again.text
    assert '<link rel="alternate" hreflang="es" href="/es/standards/?unrelated=1">' in again.text
    assert '<link rel="alternate" hreflang="en" href="/standards/">' in spanish.text
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
        for r in (english, spanish)
    ]
    assert tokens[0] != tokens[1] and "stand-in" not in english.text + spanish.text


def test_a_standard_in_spanish_keeps_its_official_text_in_english(client, loaded_standards):
    page = client.get("/es/standards/nys-call-center-representative/levels/1/")
    assert page.status_code == 200 and _html_lang(page) == "es"
    assert ">Requisitos mínimos</h2>" in page.text and ">Funciones ilustrativas</h2>" in page.text
    assert '<blockquote class="verbatim" cite="#qualifications" lang="en">' in page.text
    assert '<ol class="duties" lang="en">' in page.text
    english = client.get("/standards/nys-call-center-representative/levels/1/")
    assert '<ol class="duties">' in english.text and "Minimum qualifications" in english.text


def test_search_in_spanish_finds_the_english_text(client, loaded_standards):
    page = client.get("/es/standards/search/?q=bachelor")
    assert page.status_code == 200 and _h1(page) == "Buscar en las normas"
    assert "resultados para «bachelor»" in page.text or "resultado para «bachelor»" in page.text
    assert '<dd lang="en">' in page.text and "Requisitos mínimos" in page.text


def test_compare_in_spanish(client, loaded_standards):
    levels = "level=nys-call-center-representative/1&level=nys-call-center-representative/2"
    page = client.get(f"/es/standards/compare/?{levels}")
    assert page.status_code == 200 and _h1(page) == "Comparar niveles"
    assert "Período de prueba" in page.text and "igual en todos" in page.text
    wrong = client.get("/es/standards/compare/?level=nys-call-center-representative/1")
    assert "Elija al menos 2 niveles para comparar (eligió 1)." in wrong.text


def test_the_career_ladder_in_spanish(client, loaded_standards):
    page = client.get("/es/standards/nys-call-center-representative/ladder/")
    assert page.status_code == 200 and "La escalera en texto" in page.text
    assert "Grado 9 · prueba no indicada." in page.text and "Lleva a Call Center" in page.text


ADDRESSES = [
    "/standards/",
    "/standards/?unrelated=1&q=a%20b",
    "/check/results/",
    "/es/check/",
    "/es/standards/nys-call-center-representative/levels/1/?x=%C3%A9",
    "/no-such-page/?q=1",
    "/es/no-such-page/",
    "/i18n/setlang/",
    "/api/v1/screenings",
    "/standards/?#fragment-in-query",
    "////standards/",
]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("shown", ["en", "es"])
def test_alternate_addresses_are_what_translate_url_makes(address, shown, monkeypatch):
    """The translated path is kept per process; the address given is still Django's."""
    monkeypatch.setattr(language, "_translated_paths", ProcessKept(limit=1024))
    path, _, query = address.partition("?")
    request = RequestFactory().get(path, QUERY_STRING=query)
    with translation.override(shown):
        for _twice in range(2):  # translated, then kept
            for code, _name in settings.LANGUAGES:
                expected = translate_url(request.get_full_path(), code)
                assert language.alternate_address(request, code) == expected
    assert len(language._translated_paths) == len(settings.LANGUAGES)


def test_kept_paths_are_bounded_and_never_hold_the_query(monkeypatch):
    monkeypatch.setattr(language, "_translated_paths", ProcessKept(limit=4))
    for number in range(10):
        request = RequestFactory().get(f"/page-{number}/", {"q": "typed by a visitor"})
        language.alternate_address(request, "es")
        assert len(language._translated_paths) <= 4
    assert "typed" not in repr(language._translated_paths)


def _switch_as_rendered(context: dict) -> str:
    """The switch as the tag rendered it before it was kept: the partial, each time."""
    request = context.get("request")
    for_all = context.get("keep_for_all")
    return render_to_string(
        "partials/language_switch.html",
        {
            "options": [{"code": c, "name": n} for c, n in settings.LANGUAGES],
            "current": translation.get_language(),
            "csrf_token": language.CSRF_STAND_IN if for_all else context.get("csrf_token"),
            "next": language.NEXT_STAND_IN if for_all else request.get_full_path(),
        },
    )


# Django's `{% csrf_token %}` itself warns on NOTPROVIDED (format_html without arguments).
@pytest.mark.filterwarnings("ignore:Calling format_html")
@pytest.mark.parametrize("code", ["en", "es"])
@pytest.mark.parametrize(
    "extra",
    [
        {"csrf_token": "Tok3nValue"},
        {"csrf_token": "NOTPROVIDED"},
        {"csrf_token": ""},
        {},
        {"csrf_token": "Tok3nValue", "keep_for_all": True},
    ],
)
def test_the_kept_switch_is_the_rendered_one(code, extra):
    request = RequestFactory().get("/standards/", {"next": '"><script>&amp;'})
    context = {"request": request, **extra}
    with translation.override(code):
        for _twice in range(2):  # rendered, then kept
            assert portal_i18n.language_switch(Context(context)) == _switch_as_rendered(context)


def test_an_address_naming_an_applicant_is_translated_but_never_kept(monkeypatch):
    """A process shared by every visitor holds no applicant's id, even in an address."""
    monkeypatch.setattr(language, "_translated_paths", ProcessKept(limit=1024))
    public_id = "6f1c3c1e-0b7a-4c55-9d2e-2f1b1b7d9a10"
    request = RequestFactory().get(f"/my/profiles/{public_id}/")
    for _twice in range(2):
        assert language.alternate_address(request, "es") == f"/es/my/profiles/{public_id}/"
    assert public_id not in repr(language._translated_paths)
    standard = RequestFactory().get("/standards/nys-call-center-representative/")
    language.alternate_address(standard, "es")
    assert "nys-call-center-representative" in repr(language._translated_paths)
