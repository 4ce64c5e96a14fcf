"""The native-French reference profile: build, save, load, and score paragraphs against it."""

from mtaudit.profile.build import BuildSummary, build_profile
from mtaudit.profile.stage import FluencyStage, fluency_stage
from mtaudit.profile.store import Profile, default_profile_path, load_profile

__all__ = [
    "BuildSummary",
    "FluencyStage",
    "Profile",
    "build_profile",
    "default_profile_path",
    "fluency_stage",
    "load_profile",
]
