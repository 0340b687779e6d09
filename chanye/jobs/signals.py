from django.dispatch import Signal

# Sent when a job has ended for good (succeeded, or failed its last attempt), with `job`. The
# notifications (the navbar bell, chanye.visits) listen: the kernel knows nothing of them.
job_finished = Signal()
