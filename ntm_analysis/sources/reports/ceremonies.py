"""Names that receive what recognises them, at a ceremony: "A (huyện B) vừa long trọng đón
nhận Quyết định số …/QĐ-UBND … công nhận xã đạt chuẩn …", "UBND xã A, huyện B tổ chức Lễ công
bố xã đạt chuẩn …". `received` finds the recognising words after the names."""

from __future__ import annotations

import re

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import DECISION
from ntm_analysis.sources.reports.folding import word as W

RECEIVED_REACH = 80  # "công nhận" this far after the start of the decision received

# The names receive (at a ceremony) what recognises them: "vừa long trọng đón nhận", "được
# tiếp nhận": a few words, then "nhận" right before the decision or the certificate
_RECEIVES = re.compile(rf"\W{{0,3}}(?:[a-z]{{1,6}}\W{{1,3}}){{0,5}}?{W('nhận')}\W{{1,3}}")
# "(UBND xã) A, huyện B (long trọng) tổ chức (Lễ) công bố / đón nhận …": the names hold the
# ceremony of their own recognition (OCR may print "Lễ" past reading: "Ld"). Written without
# `W` for words the grammar has no other use for: `W` adds its words to those OCR repair
# restores, and "đón" would then be read for "đến" ("d&n").
_CEREMONY = re.compile(
    rf"\W{{0,3}}(?:(?:{W('đã')}|{W('vừa')}|long\W{{1,3}}tr[a-z&]{{1,3}}g)\W{{1,3}}){{0,2}}"
    rf"t[a-z&0]{{1,2}}\W{{1,3}}ch[a-z&]{{1,2}}c\W{{1,3}}"
    rf"(?:[a-z&]{{1,6}}\W{{1,3}}){{0,3}}?(?:{W('công bố')}|{W('nhận')}|tra[o0](?![a-z]))"
)
_CEREMONY_VERB = re.compile(rf"{T.CONG_NHAN}|{T.DAT_CHUAN}")
_CERTIFICATE = re.compile(rf"{W('bằng')}\W{{1,3}}(?={T.CONG_NHAN})")
_CONG_NHAN = re.compile(T.CONG_NHAN)


def received(window: str) -> tuple[int, int] | None:
    """Where "công nhận" starts and ends when the names receive the recognising decision or
    certificate ("A (huyện B) vừa long trọng đón nhận Quyết định số …/QĐ-UBND của UBND tỉnh
    công nhận xã đạt chuẩn …", "… đón nhận Bằng công nhận …"), else None."""
    ceremony = _CEREMONY.match(window)
    if ceremony is not None:  # "A tổ chức Lễ công bố xã đạt chuẩn …", "… Lễ đón nhận Bằng …"
        verb = _CEREMONY_VERB.search(window, ceremony.end(), ceremony.end() + RECEIVED_REACH)
        return (verb.start(), verb.end()) if verb else None
    m = _RECEIVES.match(window)
    if m is None:
        return None
    if not (DECISION.match(window, m.end()) or _CERTIFICATE.match(window, m.end())):
        return None
    cn = _CONG_NHAN.search(window, m.end(), m.end() + RECEIVED_REACH)
    return (cn.start(), cn.end()) if cn else None
