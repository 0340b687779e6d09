"""Settings of the API contract run (scripts/api_contract.sh): the site's own, with API throttling lifted,
since the fuzzer sends thousands of requests a minute from one address on purpose."""

from chanye.settings import *  # noqa: F403
from chanye.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_CLASSES": [],
    # Views that name a throttle scope of their own still find a rate, one no test reaches.
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}), "1000000/second"),
}
