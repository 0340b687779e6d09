def notifications(request):
    """Stub: replaced by the visits app's notification count."""
    return {}
