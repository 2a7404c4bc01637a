"""Token sign-in and sign-out for the API."""

from __future__ import annotations

from django.contrib.auth import logout
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from patients.models import AuditAction
from patients.services import audit_sign_in

TOKEN_RESPONSE = inline_serializer("TokenResponse", {"token": serializers.CharField()})


class TokenView(ObtainAuthToken):
    @extend_schema(
        summary="Sign in: exchange username and password for an API token",
        responses={200: TOKEN_RESPONSE, 400: OpenApiResponse(description="Bad credentials.")},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        user = Token.objects.get(key=response.data["token"]).user
        audit_sign_in(user=user, action=AuditAction.SIGN_IN, request=request, channel="api")
        return response


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Sign out: revoke the token", request=None, responses={204: None})
    def post(self, request):
        audit_sign_in(
            user=request.user, action=AuditAction.SIGN_OUT, request=request, channel="api"
        )
        if isinstance(request.auth, Token):
            request.auth.delete()
        else:
            Token.objects.filter(user=request.user).delete()
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
