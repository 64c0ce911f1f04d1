"""The screening API: screening-profile/1 in, screening-result/1 out. Nothing is stored."""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from screening.services import ScreeningRefused, levels_check, profile_read, screening_run


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


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


# The result is derived from personal data: no cache along the way may keep it.
@method_decorator(never_cache, name="dispatch")
class ScreeningCreateApi(APIView):
    parser_classes = [RawJSONParser]
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
            )
        ],
        responses={200: _ref("ScreeningResult"), 400: _ref("ScreeningRefusal")},
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
            result = screening_run(raw=raw, levels=levels)
        except ScreeningRefused as refusal:
            return _refused(refusal, status.HTTP_400_BAD_REQUEST)
        return Response(result)


def _refused(refusal: ScreeningRefused, code: int) -> Response:
    return Response({"format": "screening-result/1", "errors": refusal.errors}, status=code)
