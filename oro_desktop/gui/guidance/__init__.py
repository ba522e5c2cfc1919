"""The Vägledning widgets: a situation form and a result view on GuidanceService.

`GuidanceResultView` takes a computed `Guidance` and shows it; `GuidancePanel` takes a
situation (the same plain data as `oro-admin guide --situation`) and the service, and
shows the result, so the case view can embed it with the case's own situation.
"""
