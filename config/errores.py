"""Error pages in Spanish that do not depend on the request succeeding."""

from django.shortcuts import render


def prohibido(request, exception=None):
    return render(request, "403.html", status=403)


def no_encontrado(request, exception=None):
    return render(request, "404.html", status=404)


def error_servidor(request):
    # No context processors that could fail again: a plain template.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
