from django.urls import path

from . import desk

# The Office's meeting desk (reviews/meetings/desk.py says why these are pages and not the admin).
urlpatterns = [
    path("desk/meetings/", desk.desk, name="desk"),
    path("desk/meetings/schedule/", desk.meeting_schedule, name="desk-schedule"),
    path("desk/meetings/<int:pk>/", desk.meeting, name="desk-meeting"),
    path("desk/meetings/<int:pk>/agenda/", desk.agenda_add, name="desk-agenda-add"),
    path("desk/meetings/<int:pk>/postpone/", desk.meeting_postpone, name="desk-postpone"),
    path("desk/meetings/<int:pk>/cancel/", desk.meeting_cancel, name="desk-cancel"),
    path("desk/items/<int:pk>/<str:act>/", desk.agenda_item, name="desk-agenda-item"),
]
