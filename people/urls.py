from django.urls import path

from . import views

urlpatterns = [
    path("kontakt/senden/<int:page_id>/", views.contact_submit, name="people_contact_submit"),
]
