"""Token sign-in and sign-out for the API: one hashed, expiring knox token per device."""

from __future__ import annotations

from django.contrib.auth import authenticate, logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kneeclinic.signin import sweep_expired_tokens

TOKEN_RESPONSE = inline_serializer("TokenResponse", {"token": serializers.CharField()})
BAD_CREDENTIALS = "Unable to log in with provided credentials."


class Credentials(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Sign in: exchange username and password for an API token",
        request=Credentials,
        responses={
            200: TOKEN_RESPONSE,
            400: OpenApiResponse(description="Bad credentials."),
            429: OpenApiResponse(description="Too many failed sign-ins: see Retry-After."),
        },
        auth=[],
    )
    def post(self, request):
        credentials = Credentials(data=request.data)
        credentials.is_valid(raise_exception=True)
        # The Django request, so django-axes counts the failure and flags a lockout on it.
        user = authenticate(request._request, **credentials.validated_data)
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
        sweep_expired_tokens(user)
        _, token = AuthToken.objects.create(user=user)
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        return Response({"token": token})


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Sign out: revoke the token", request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
            user_logged_out.send(
                sender=type(request.user), request=request._request, user=request.user
            )
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
