"""graph/cruxes.md: the crux analysis as a readable, ranked report per thesis and author pair."""

from __future__ import annotations

from argmap.analysis import CruxReport
from argmap.analyze import MapAnalysis
from argmap.export.mdtext import code, inline
from argmap.model import ArgMap

TOP = 10


def render(argmap: ArgMap, analysis: MapAnalysis, top: int = TOP) -> str:
    """Markdown: method, then per thesis its standings, top cruxes, double cruxes, Dung check."""
    names = {a.id: a.name for a in argmap.authors}
    debaters = sorted({a for s in argmap.sources for a in s.authors}, key=lambda a: names[a])
    declared = {(p.author, p.target): p for p in argmap.positions}
    first = next(iter(analysis.reports.values()), None)
    lines = ["# Cruxes", ""]
    if first is not None:
        lines += [
            f"Semantics: **{analysis.semantics}** (base score 0.5 ± κ/2 per author stance, "
            f"κ = {first.kappa}; thesis base 0.5; a claim is settled at "
            f"{first.clamp[0]:.1f} / {first.clamp[1]:.1f}). "
            "A crux's *swing* is how far the thesis moves between the claim settled false and "
            "settled true (pooled viewpoint); its *score* is |swing| × contestedness "
            "4p(1−p), p = share of the authors with a stance who accept it.",
            "",
            f"Stances: {sum(s.basis == 'stated' for s in analysis.stances)} stated, "
            f"{sum(s.basis == 'inferred' for s in analysis.stances)} inferred, "
            f"{sum(s.basis == 'override' for s in analysis.stances)} overridden.",
            "",
        ]
    for report in analysis.reports.values():
        lines += _thesis(argmap, report, analysis, names, debaters, declared, top)
    return "\n".join(lines).rstrip() + "\n"


def _thesis(argmap, report: CruxReport, analysis, names, debaters, declared, top) -> list[str]:
    t = argmap.thesis(report.thesis)
    out = [f"## {inline(t.text)}", "", code(t.id), ""]
    out.append("| viewpoint | standing | declared stance |")
    out.append("|---|---|---|")
    out.append(f"| neutral (structure only) | {report.standings['neutral']:.2f} | |")
    out.append(f"| pooled (all stances) | {report.standings['pooled']:.2f} | |")
    for a in debaters:
        if a in report.standings:
            p = declared.get((a, t.id))
            stance = f"{p.stance} ({p.basis})" if p else "—"
            out.append(f"| {inline(names[a])} | {report.standings[a]:.2f} | {stance} |")
    out.append("")
    if not report.converged:
        out += ["**Warning:** the strengths did not converge on a cycle of this thesis's "
                "arguments; scores marked unstable are unreliable.", ""]
    out += [f"### Top cruxes ({report.method}, {report.candidates} candidate claims)", ""]
    for crux in report.cruxes[:top]:
        claim = argmap.claim(crux.claim)
        out.append(f"{crux.rank}. **{inline(claim.gist)}** — {inline(names[claim.author])} "
                   f"({code(claim.id)}); score {crux.score:.3f}, swing {crux.swing:+.3f}, "
                   f"split {crux.n_for}–{crux.n_against}")
        out.append(f"   {inline(crux.explanation)}")
    if not report.cruxes:
        out.append("No claim reaches this thesis.")
    out.append("")
    pairs = [p for p in report.pairs if p.double or p.non_cruxes]
    if pairs:
        out += ["### Where authors disagree", ""]
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
