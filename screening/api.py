"""The screening API: screening-profile/1 in, screening-result/1 out. Nothing is stored."""

import json

from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from screening.services import (
    PROFILE_MAX_BYTES,
    ScreeningRefused,
    levels_check,
    profile_read,
    screening_run_jsonl,
)


class RawJSONParser(BaseParser):
    """Hands the body over unparsed: the engine decodes it and names every problem by path.

    A body past the size limit is not read on: the refusal stands in for it.
    """

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        if stream is None:
            return b""
        try:
            return profile_read(stream)
        except ScreeningRefused as refusal:
            return refusal


class ResultJSON(bytes):
    """A result the engine has already written as compact JSON in UTF-8 (`screening_run_jsonl`)."""


class ResultRenderer(JSONRenderer):
    """DRF's JSON renderer, which sends a result the engine wrote as it is: the same bytes
    DRF would write from the decoded result (compact, not ASCII-escaped, U+2028 and U+2029
    escaped) without decoding and writing it again. Asked for indented JSON, it indents."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, ResultJSON):
            return super().render(data, accepted_media_type, renderer_context)
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        # The engine writes compact JSON, not ASCII-escaped: DRF's defaults (COMPACT_JSON,
        # UNICODE_JSON); other settings, or indenting, need it written again.
        if indent is not None or not self.compact or self.ensure_ascii:
            return super().render(json.loads(data), accepted_media_type, renderer_context)
        # As DRF does, so that the JSON is also a strict subset of JavaScript.
        return data.replace(_LINE_SEPARATOR, rb"\u2028").replace(_PARAGRAPH_SEPARATOR, rb"\u2029")


_LINE_SEPARATOR, _PARAGRAPH_SEPARATOR = "\u2028".encode(), "\u2029".encode()


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _refusal(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=_ref("ScreeningRefusal"), description=description)


# Every status the endpoint answers a POST with; each refusal has the one body shape.
RESPONSES = {
    200: OpenApiResponse(response=_ref("ScreeningResult"), description="The screening result."),
    400: _refusal("The profile breaks the contract, or a `level` names no level."),
    403: _refusal("Sent with the portal's sign-in session but without its CSRF token."),
    406: _refusal("The `Accept` header rules out `application/json`."),
    413: _refusal(f"The body is larger than {PROFILE_MAX_BYTES:,} bytes; it was not read."),
    415: _refusal("The body is not sent as `application/json`."),
    429: _refusal("Too many anonymous requests; `Retry-After` says when to try again."),
}


# The result is derived from personal data: no cache along the way may keep it.
@method_decorator(never_cache, name="dispatch")
class ScreeningCreateApi(APIView):
    parser_classes = [RawJSONParser]
    renderer_classes = [ResultRenderer]
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        operation_id="screenings_create",
        summary="Screen a profile against every level",
        description=(
            "Screens a screening-profile/1 document against the class standards in force on "
            "its `as_of` date and returns screening-result/1. The profile is not stored. "
            "A profile that breaks the contract is refused with every problem by JSON path."
        ),
        request={"application/json": _ref("ScreeningProfile")},
        parameters=[
            OpenApiParameter(
                "level",
                str,
                many=True,
                description="Screen only these level ids (repeatable).",
            ),
            OpenApiParameter(
                "Retry-After",
                int,
                OpenApiParameter.HEADER,
                response=[429],
                description="Seconds until an anonymous request will be accepted again.",
            ),
        ],
        responses=RESPONSES,
        examples=[
            OpenApiExample(
                "High school and 20 months of customer service",
                request_only=True,
                value={
                    "format": "screening-profile/1",
                    "as_of": "2026-10-01",
                    "education": [{"credential": "high_school_diploma"}],
                    "experience": [
                        {
                            "title": "Customer Service Clerk",
                            "employer_type": "private",
                            "start": "2025-01",
                            "end": "2026-08",
                            "duties": ["customer_service"],
                        }
                    ],
                },
            )
        ],
    )
    def post(self, request):
        if isinstance(request.data, ScreeningRefused):  # the body is past the size limit
            return _refused(request.data, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        levels = request.query_params.getlist("level") or None
        try:
            levels_check(levels)
            # DRF gives an empty body as an empty dict, not as the bytes the engine wants.
            raw = request.data if isinstance(request.data, bytes) else b""
            result = screening_run_jsonl(raw=raw, levels=levels)
        except ScreeningRefused as refusal:
            return _refused(refusal, status.HTTP_400_BAD_REQUEST)
        return Response(ResultJSON(result))

    def handle_exception(self, exc):
        """DRF's own refusals (403, 405, 406, 415, 429) in the shape of every other refusal."""
        response = super().handle_exception(exc)
        if isinstance(exc, APIException):
            response.data = _refusal_body([{"path": "$", "message": str(exc.detail)}])
        return response


def _refused(refusal: ScreeningRefused, code: int) -> Response:
    return Response(_refusal_body(refusal.errors), status=code)


def _refusal_body(errors: list[dict]) -> dict:
    return {"format": "screening-result/1", "errors": errors}
