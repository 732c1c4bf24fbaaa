import sys
from pathlib import Path

# Tests import the project's packages (scoring, storage, ui...) from the checkout, without installing it.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# No timing assert anywhere: hypothesis's default deadline (200 ms per example) would be one, failing on a loaded
# machine. Performance is measured in bench/.
from hypothesis import settings  # noqa: E402 - after the path setup above

settings.register_profile("radar", deadline=None)
settings.load_profile("radar")
