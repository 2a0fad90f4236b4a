from django.urls import path

from . import articles

urlpatterns = [
    path("articles/<int:article_id>/", articles.article),
    path("articles/<slug:slug>/", articles.by_slug),
    path("authors/<str:name>/", articles.by_name),
    path("keys/<uuid:key>/", articles.shared),
    path("legacy/<key>/", articles.shared),
]
