"""Assembling the auditor: its parts are built with cyclic garbage collection paused, and the host
program's setting is as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from mtaudit import assembly
from mtaudit.assembly import AuditSettings, build_auditor, garbage_collection_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_the_pause_restores_the_setting_it_found(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with garbage_collection_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(KeyError), garbage_collection_paused():
            raise KeyError("a failed build")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_auditor_s_parts_are_built_with_collection_paused(nlp, monkeypatch):
    seen = []
    original = assembly.build_analyzers

    def recording(nlp, options):
        seen.append(gc.isenabled())
        return original(nlp, options)

    monkeypatch.setattr(assembly, "build_analyzers", recording)
    assert gc.isenabled()
    auditor = build_auditor(AuditSettings(translation=None, detector="none", fluency=False), print)
    assert seen == [False]
    assert gc.isenabled()
    assert [analyzer.type for analyzer in auditor.analyzers][:2] == ["english", "script"]
