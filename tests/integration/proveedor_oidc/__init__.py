"""A minimal OpenID Connect provider (django-oauth-toolkit) that the sign-in
tests start in a second process, as an administration's identity provider."""
