"""graph/cruxes.md: the crux analysis as a readable report: fidelity, theses, where debaters part ways."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.analysis import CruxReport
from argmap.analysis.wording import LARGE, SCALE
from argmap.analyze import Between, MapAnalysis, Matrix
from argmap.export.mdtext import code, inline
from argmap.model import ArgMap

TOP = 10
MATRIX_TOP = 5
POINTS_PER_PAIR = 3
PAIRS = 20  # pairs of debaters shown (those of the most engaged authors); --between gives any
MARK = {("accepts", "declared"): "A", ("rejects", "declared"): "R", ("accepts", "supports"): "a",
        ("rejects", "attacks"): "r"}


def render(argmap: ArgMap, analysis: MapAnalysis, top: int = TOP,
           partings: Sequence[Between] = (), matrices: Sequence[Matrix] = ()) -> str:
    """Markdown: method and fidelity, then per thesis its standings and verdicts, top cruxes,
    who holds what on them, double cruxes and the Dung check; then where each pair of debaters
    who declare opposite stances parts ways (``partings``)."""
    names = {a.id: a.name for a in argmap.authors}
    debaters = sorted({a for s in argmap.sources for a in s.authors}, key=lambda a: names[a])
    first = next(iter(analysis.reports.values()), None)
    lines = ["# Cruxes", ""]
    if first is not None:
        scale = ", ".join(f"below {bound} {word}" for bound, word in SCALE)
        lines += [
            f"Semantics: **{analysis.semantics}**; a claim is settled at {first.clamp[0]:.1f} / "
            f"{first.clamp[1]:.1f}. An author's *standing* on a thesis is its strength in the "
            f"author's viewpoint: base score 0.5 ± κ/2 (κ = {first.kappa}) on the claims the author "
            f"accepts / rejects, {first.parameters.get('unengaged', 0.0):g} on the claims the author "
            "never took a stance on (they count only as far as the author's own reasons raise "
            "them), 0.5 on the thesis, whatever stance the author declares on it. A crux's *swing* "
            "is how far the thesis moves between the claim settled false and settled true in the "
            "pooled viewpoint (every author's stances averaged); its *score* is |swing| × "
            "contestedness 4p(1−p), p = share of the authors with a stance who accept it.",
            "",
            f"How big a swing is: {scale}, else {LARGE} (standings run from 0 to 1).",
            "",
            f"Stances: {sum(s.basis == 'stated' for s in analysis.stances)} stated, "
            f"{sum(s.basis == 'inferred' for s in analysis.stances)} inferred, "
            f"{sum(s.basis == 'override' for s in analysis.stances)} overridden.",
            "",
        ]
        lines += _fidelity(analysis, names)
    by_thesis = {m.thesis: m for m in matrices}
    for report in analysis.reports.values():
        lines += _thesis(argmap, report, analysis, names, debaters, top, by_thesis.get(report.thesis))
    if partings:
        lines += _partings(argmap, partings, names)
    return "\n".join(lines).rstrip() + "\n"


def _fidelity(analysis: MapAnalysis, names: dict[str, str]) -> list[str]:
    found = analysis.fidelity()
    out = ["## Stance fidelity", "",
           "Do the authors' own reasons in the map put each thesis on the side the author declares? "
           "*Fidelity* is the share of declared (author, thesis) stances whose standing lies on "
           "the declared side of 0.5; *over derivable* leaves out the stances the map holds no "
           "reasons for (standing exactly 0.5).", "",
           "| basis | declared | reproduced | contradicted | no reasons in the map | fidelity | over derivable |",
           "|---|---|---|---|---|---|---|"]
    for basis, f in found.items():
        share = "—" if f.share is None else f"{f.share:.2f}"
        lenient = "—" if f.derivable_share is None else f"{f.derivable_share:.2f}"
        out.append(f"| {basis} | {f.declared} | {f.reproduced} | {f.contradicted} | {f.underived} | "
                   f"{share} | {lenient} |")
    out.append("")
    missed = [v for v in analysis.verdicts() if not v.reproduced]
    if missed:
        out += ["Not reproduced, and why:", ""]
        for v in missed:
            out.append(f"- {code(v.thesis)}, {inline(names.get(v.author, v.author))}: "
                       f"{inline(v.explanation)}")
        out.append("")
    return out


def _thesis(argmap: ArgMap, report: CruxReport, analysis: MapAnalysis, names: dict[str, str],
            debaters: list[str], top: int, table: Matrix | None) -> list[str]:
    t = argmap.thesis(report.thesis)
    verdicts = {v.author: v for v in report.verdicts}
    out = [f"## {inline(t.text)}", "", code(t.id), ""]
    out.append("| viewpoint | standing | declared stance | the author's reasons |")
    out.append("|---|---|---|---|")
    out.append(f"| neutral (structure only) | {report.standings['neutral']:.2f} | | |")
    out.append(f"| pooled (all stances) | {report.standings['pooled']:.2f} | | |")
    shown = [a for a in debaters if a in report.standings]
    shown += sorted((a for a in verdicts if a not in shown), key=lambda a: names.get(a, a))
    for a in shown:
        v = verdicts.get(a)
        stance = (f"{'accept' if v.declared > 0 else 'reject'} ({analysis.basis(a, t.id)})"
                  if v else "—")
        value = report.standings[a]
        underived = v.status == "underived" if v else abs(value - 0.5) <= 1e-9
        cell = "— (none in the map)" if underived else f"{value:.2f}"
        verdict = ("" if v is None else "reproduce it" if v.reproduced
                   else "declared, not derived" if underived else "**lean the other way**")
        out.append(f"| {inline(names.get(a, a))} | {cell} | {stance} | {verdict} |")
    out.append("")
    for v in report.verdicts:
        if not v.reproduced:
            out.append(f"- {inline(v.explanation)}")
    if any(not v.reproduced for v in report.verdicts):
        out.append("")
    if not report.converged:
        out += ["**Warning:** the strengths did not converge on a cycle of this thesis's "
                "arguments; scores marked unstable are unreliable.", ""]
    out += [f"### Top cruxes ({report.method}, {report.candidates} candidate claims)", ""]
    for crux in report.cruxes[:top]:
        claim = argmap.claim(crux.claim)
        out.append(f"{crux.rank}. {code(claim.id)} ({inline(names[claim.author])}; score "
                   f"{crux.score:.3f}, swing {crux.swing:+.3f}, split {crux.n_for}–{crux.n_against}): "
                   f"{inline(crux.explanation)}")
    if not report.cruxes:
        out.append("No claim reaches this thesis.")
    out.append("")
    if table is not None and table.rows:
        out += [f"Who holds what on the top {len(table.cruxes)} (A accepts, R rejects, a / r implied "
                "by claims the author holds, · silent):", "",
                "| author | " + " | ".join(str(c.rank) for c in table.cruxes) + " |",
                "|---|" + "---|" * len(table.cruxes)]
        for a, cells in table.rows:
            out.append(f"| {inline(names.get(a, a))} | "
                       + " | ".join(MARK.get((c.stance, c.basis), "·") for c in cells) + " |")
        out.append("")
    pairs = [p for p in report.pairs if p.double or p.non_cruxes]
    if pairs:
        out += ["### Double cruxes", ""]
    for pair in pairs:
        a, b = inline(names[pair.author_a]), inline(names[pair.author_b])
        out.append(f"**{a} ({pair.standing_a:.2f}) vs {b} ({pair.standing_b:.2f})**")
        out.append("")
        for dc in pair.double[:3]:
            out.append(f"- Double crux: {inline(dc.explanation)}")
        for nc in pair.non_cruxes[:2]:
            out.append(f"- Not a crux: {inline(nc.explanation)}")
        out.append("")
    check = analysis.dung.get(report.thesis)
    if check is not None:
        accepted = ("not computed: the undecided part is too large" if check.credulous is None
                    else f"credulously {'yes' if check.credulous else 'no'}, "
                         f"sceptically {'yes' if check.sceptical else 'no'}")
        flips = [c for c, hi, lo in check.flips if hi != lo]
        out.append(f"Dung cross-check (attacks, supports read as necessary): grounded label "
                   f"**{check.grounded}**; preferred acceptance {accepted}; "
                   f"{len(flips)} of the top {len(check.flips)} cruxes flip the grounded label"
                   + (f" ({', '.join(code(c) for c in flips)})." if flips else "."))
        out.append("")
    return out


def _partings(argmap: ArgMap, partings: Sequence[Between], names: dict[str, str]) -> list[str]:
    out = ["## Where the debaters part ways", "",
           f"For every pair of authors who declare opposite stances on a thesis (at most {PAIRS}, "
           "those of the most engaged authors): every claim they "
           "part ways on (*stance*: opposite declared stances; *attack*: a claim one declares, which "
           "claims the other holds attack; *reason*: a claim one relies on that the other rejects "
           "or attacks), ranked by *consequence*, the mean move of their two standings when the "
           "claim is settled the other's way. `argmap cruxes --between A B` lists them all with "
           "both authors' words.", ""]
    for found in partings:
        a, b = (inline(names.get(x, x)) for x in found.authors)
        kinds = {k: sum(p.kind == k for p in found.points) for k in ("stance", "attack", "reason")}
        doubles = sum(p.double_crux for p in found.points)
        opposite = ", ".join(code(t) for t in found.opposite_theses)
        out += [f"**{a} vs {b}**: {len(found.points)} points ({kinds['stance']} stance, "
                f"{kinds['attack']} attack, {kinds['reason']} reason; {doubles} strict double "
                f"crux{'es' if doubles != 1 else ''}); opposite sides on {opposite or 'no thesis'}.", ""]
        for i, p in enumerate(found.points[:POINTS_PER_PAIR], 1):
            dc = ", strict double crux" if p.double_crux else ""
            out.append(f"{i}. \\[{p.kind}\\] {code(p.claim)} → {code(p.thesis or 'no thesis')} "
                       f"(consequence {p.score:.3f}{dc}): {inline(p.explanation)}")
        out.append("")
    return out
