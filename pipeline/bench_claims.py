"""Claims benchmark: `check_claim` on a synthetic multilingual corpus, against raw rapidfuzz."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from claims.events import is_negated
from claims.extract import find_facts
from claims.facts import Claim
from claims.normalize import fold_text
from claims.sourcedoc import prepare
from claims.verify import check_claim

LANGS = ("en", "tr", "sr", "sq")
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "sr": "januara februara marta aprila maja juna jula avgusta septembra oktobra novembra "
    "decembra",
    "sq": "janar shkurt mars prill maj qershor korrik gusht shtator tetor nëntor dhjetor",
}
COUNTRIES = {  # code -> its name in en, tr, sr, sq
    "TR": ("Türkiye", "Türkiye", "Turska", "Turqia"),
    "US": ("the United States", "ABD", "Sjedinjene Američke Države", "SHBA"),
    "RS": ("Serbia", "Sırbistan", "Srbija", "Serbia"),
    "AL": ("Albania", "Arnavutluk", "Albanija", "Shqipëria"),
    "ME": ("Montenegro", "Karadağ", "Crna Gora", "Mali i Zi"),
    "MK": ("North Macedonia", "Kuzey Makedonya", "Severna Makedonija", "Maqedonia e Veriut"),
    "XK": ("Kosovo", "Kosova", "Kosovo", "Kosova"),
    "BA": ("Bosnia and Herzegovina", "Bosna-Hersek", "Bosna i Hercegovina", "Bosnja"),
    "HR": ("Croatia", "Hırvatistan", "Hrvatska", "Kroacia"),
    "BG": ("Bulgaria", "Bulgaristan", "Bugarska", "Bullgaria"),
    "RO": ("Romania", "Romanya", "Rumunija", "Rumania"),
    "GR": ("Greece", "Yunanistan", "Grčka", "Greqia"),
    "UA": ("Ukraine", "Ukrayna", "Ukrajina", "Ukraina"),
}
SUPPLIERS = ("TR", "TR", "TR", "US")
PARTNERS = tuple(c for c in COUNTRIES if c not in ("TR", "US"))
# kind -> (unit, low, high, step); the unit names how each language prints the figure
KINDS = {
    "delivery": ("uav", 6, 48, 1),
    "deployment": ("troops", 100, 3000, 50),
    "agreement": ("usd", 20, 900, 1),  # millions
    "purchase": ("helicopters", 2, 30, 1),
}
UNITS = {  # unit -> how en, tr, sr, sq print an amount of it
    "uav": ("{} UAVs", "{} SİHA", "{} dronova", "{} dronë"),
    "troops": ("{} troops", "{} asker", "{} vojnika", "{} ushtarë"),
    "helicopters": ("{} helicopters", "{} helikopter", "{} helikoptera", "{} helikopterë"),
    "usd": ("${} million", "{} milyon dolar", "{} miliona dolara", "{} milionë dollarë"),
}
# Sources give {date} {a} {b} {fig}; a Serbian date ends with its own full stop.
SOURCE = {
    "en": {
        "delivery": "On {date}, {a} delivered {fig} to {b}, the ministry said.",
        "deployment": "{a} deployed {fig} to {b} on {date}, according to officials.",
        "agreement": "On {date}, {a} and {b} signed an agreement worth {fig}.",
        "purchase": "{b} purchased {fig} from {a} on {date}, the defence ministry announced.",
    },
    "tr": {
        "delivery": "{date} tarihinde {a}, {b} ordusuna {fig} teslim etti.",
        "deployment": "{a}, {date} tarihinde {b} bölgesine {fig} konuşlandırdı.",
        "agreement": "{a} ile {b} {date} tarihinde {fig} değerinde bir anlaşma imzaladı.",
        "purchase": "{b}, {date} tarihinde {a} üreticisinden {fig} satın aldı.",
    },
    "sr": {
        "delivery": "{a} je isporučila {fig} zemlji {b} {date}",
        "deployment": "{a} je rasporedila {fig} u zemlji {b} {date}",
        "agreement": "{a} i {b} potpisale su sporazum vredan {fig} {date}",
        "purchase": "{b} je kupila {fig} od zemlje {a} {date}",
    },
    "sq": {
        "delivery": "Më {date}, {a} i dorëzoi {b} {fig}.",
        "deployment": "{a} dërgoi {fig} në {b} më {date}.",
        "agreement": "{a} dhe {b} nënshkruan një marrëveshje prej {fig} më {date}.",
        "purchase": "{b} bleu {fig} nga {a} më {date}.",
    },
}
CLAIM = {
    "delivery": "{a} delivered {fig} to {b} on {date}.",
    "deployment": "On {date}, {a} deployed {fig} in {b}.",
    "agreement": "{a} signed a {fig} agreement with {b} on {date}.",
    "purchase": "On {date}, {b} bought {fig} from {a}.",
}
FILLER = {
    "en": "officials ministry defence cooperation talks regional security statement visit the "
    "delegation parliament budget reform exercise joint government minister of in with and",
    "tr": "bakanlık savunma işbirliği görüşme bölgesel güvenlik açıklama heyet meclis bütçe ve "
    "reform tatbikat ortak basın toplantısı hükümet bakan bölge rapor ile için bu yetkililer",
    "sr": "ministarstvo odbrana saradnja razgovori regionalna bezbednost saopštenje vlada i u "
    "delegacija skupština budžet reforma vežba zajednička konferencija ministar sa za je na",
    "sq": "ministria mbrojtja bashkëpunimi bisedimet rajonale siguria deklarata delegacioni e "
    "kuvendi buxheti reforma stërvitja përbashkët konferenca qeveria ministri dhe në me për",
}
PLANS = ("supported", "contradicted", "not-found")


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    supplier: str
    partner: str
    date: dt.date
    amount: int


@dataclass(frozen=True, slots=True)
class BenchDoc:
    url: str
    lang: str
    text: str
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class BenchClaim:
    text: str
    docs: tuple[int, ...]  # indexes of the cited pages
    plan: str  # one of PLANS: what the claim was built to be


def _date(day: dt.date, lang: str) -> str:
    month = MONTHS[lang].split()[day.month - 1]
    return f"{day.day}. {month} {day.year}." if lang == "sr" else f"{day.day} {month} {day.year}"


def _figure(event: Event, lang: str) -> str:
    number = f"{event.amount:,}".replace(",", "," if lang == "en" else ".")
    return UNITS[KINDS[event.kind][0]][LANGS.index(lang)].format(number)


def _event(rng: random.Random) -> Event:
    kind = rng.choice(list(KINDS))
    _, low, high, step = KINDS[kind]
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    amount = rng.randrange(low, high + 1, step)
    return Event(kind, rng.choice(SUPPLIERS), rng.choice(PARTNERS), day, amount)


def write_event(event: Event, lang: str, template: str) -> str:
    """`template` filled with the event as `lang` prints it: {date}, {a}, {b}, {fig}."""
    i = LANGS.index(lang)
    text = template.format(
        date=_date(event.date, lang), fig=_figure(event, lang),
        a=COUNTRIES[event.supplier][i], b=COUNTRIES[event.partner][i],
    )  # fmt: skip
    return text[0].upper() + text[1:]


def _filler(rng: random.Random, lang: str) -> str:
    words = rng.choices(FILLER[lang].split(), k=rng.randint(8, 18))
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), COUNTRIES[rng.choice(PARTNERS)][LANGS.index(lang)])
    if rng.random() < 0.15:
        words.append(str(rng.randrange(2010, 2025)))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_doc(rng: random.Random, index: int, size: int = 10_000) -> BenchDoc:
    """A page of about `size` characters: paragraphs of 3-6 sentences, 40% of them events."""
    lang = rng.choice(LANGS)
    paragraphs: list[str] = []
    events: list[Event] = []
    length, target = 0, rng.randint(size * 9 // 10, size * 11 // 10)
    while length < target:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.4:
                events.append(_event(rng))
                sentences.append(write_event(events[-1], lang, SOURCE[lang][events[-1].kind]))
            else:
                sentences.append(_filler(rng, lang))
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    return BenchDoc(f"https://news.example/{lang}/{index:05d}", lang, "\n\n".join(paragraphs),
                    tuple(events))  # fmt: skip


def _changed(rng: random.Random, event: Event) -> Event:
    """The event with its date moved 3-40 days, or its figure scaled by 1.3-2."""
    if rng.random() < 0.5:
        shift = dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(3, 40))
        return replace(event, date=event.date + shift)
    return replace(event, amount=round(event.amount * rng.uniform(1.3, 2.0)))


def make_corpus(
    claims: int = 10_000, docs: int = 2_000, seed: int = 1
) -> tuple[list[BenchDoc], list[BenchClaim]]:
    """The pages and the claims citing them; the same arguments give the same corpus."""
    rng = random.Random(seed)
    pages = [make_doc(rng, i) for i in range(docs)]
    made = []
    for _ in range(claims):
        home = rng.randrange(docs)
        while not pages[home].events:
            home = rng.randrange(docs)
        event = rng.choice(pages[home].events)
        plan = rng.choices(PLANS, weights=(5, 3, 2))[0]
        if plan == "contradicted":
            event = _changed(rng, event)
        elif plan == "not-found":
            event = _event(rng)
        cited = [home] if docs < 2 or rng.random() < 0.5 else [home, rng.randrange(docs)]
        rng.shuffle(cited)
        text = write_event(event, "en", CLAIM[event.kind])
        made.append(BenchClaim(text, tuple(dict.fromkeys(cited)), plan))
    return pages, made


def to_claim(number: int, claim: BenchClaim) -> Claim:
    """The `Claim` the claims stage would extract from the text (one note, no context)."""
    text = claim.text
    return Claim(f"c{number}", number, text, 0, len(text), (1,), tuple(find_facts(text)),
                 is_negated(text))  # fmt: skip


class _Clock:
    """Wall and CPU (this process) seconds since the last lap."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        took = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return took


def run_claims_benchmark(claims: int = 10_000, docs: int = 2_000, seed: int = 1) -> dict[str, Any]:
    """Figures (JSON-ready) of one run over `make_corpus(claims, docs, seed)`.

    Timed apart: `prepare` of every page; `check_claim` of every claim against its cited pages
    (facts extracted beforehand); and the baseline, rapidfuzz's `process.extract` with
    `token_set_ratio` (limit 5) on the same (claim, page) pairs with the claims folded and the
    window keys listed beforehand, the bulk text scoring alone. `matcher_ratio` is the
    checking time over the baseline's; `fold_claims_s` is folding every claim once. Each step
    also has its CPU seconds (`*_cpu_s`, `matcher_cpu_ratio`): wall time on a shared machine
    counts the other processes too.
    """
    pages, planned = make_corpus(claims, docs, seed)
    made = [to_claim(n, c) for n, c in enumerate(planned)]
    clock = _Clock()
    prepared = [prepare(p.url, p.text, "synthetic page") for p in pages]
    prepare_s, prepare_cpu = clock.lap()
    cited = [tuple(prepared[i] for i in c.docs) for c in planned]
    clock.lap()
    checks = [check_claim(claim, sources) for claim, sources in zip(made, cited, strict=True)]
    check_s, check_cpu = clock.lap()
    keys = [[w.key for w in doc.windows] for doc in prepared]
    clock.lap()
    queries = [fold_text(c.text) for c in planned]
    fold_s, _ = clock.lap()
    for query, claim in zip(queries, planned, strict=True):
        for i in claim.docs:
            process.extract(query, keys[i], scorer=fuzz.token_set_ratio, limit=5)
    raw_s, raw_cpu = clock.lap()
    crosstab = {p: Counter(str(c.verdict) for c, b in zip(checks, planned, strict=True)
                           if b.plan == p) for p in PLANS}  # fmt: skip
    return {
        "claims": claims, "docs": docs, "seed": seed, "cores": os.cpu_count(),
        "corpus_mb": round(sum(len(p.text.encode()) for p in pages) / 1e6, 2),
        "languages": dict(Counter(p.lang for p in pages)),
        "pairs": sum(len(c.docs) for c in planned), "windows": sum(len(k) for k in keys),
        "prepare_s": round(prepare_s, 2), "check_s": round(check_s, 2),
        "total_s": round(prepare_s + check_s, 2), "met_60s": prepare_s + check_s < 60,
        "raw_rapidfuzz_s": round(raw_s, 2), "fold_claims_s": round(fold_s, 3),
        # CPU seconds of this process in each step: the figures to compare on a busy machine
        "prepare_cpu_s": round(prepare_cpu, 2), "check_cpu_s": round(check_cpu, 2),
        "raw_rapidfuzz_cpu_s": round(raw_cpu, 2),
        "matcher_cpu_ratio": round(check_cpu / raw_cpu, 2) if raw_cpu else None,
        "matcher_ratio": round(check_s / raw_s, 2) if raw_s else None,
        "met_3x": raw_s > 0 and check_s <= 3 * raw_s,
        "verdicts": dict(Counter(str(c.verdict) for c in checks)),
        "verdicts_by_plan": {p: dict(sorted(v.items())) for p, v in crosstab.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }  # fmt: skip


_ROWS = (
    ("prepare (all pages)", "prepare_s", ""),
    ("check_claim (all claims)", "check_s", ""),
    ("total: prepare + check", "total_s", "< 60 s"),
    ("raw rapidfuzz, same pairs", "raw_rapidfuzz_s", ""),
    ("check_claim / raw rapidfuzz", "matcher_ratio", "<= 3x"),
    ("CPU: prepare (all pages)", "prepare_cpu_s", ""),
    ("CPU: check_claim (all claims)", "check_cpu_s", ""),
    ("CPU: raw rapidfuzz", "raw_rapidfuzz_cpu_s", ""),
    ("CPU: check_claim / raw rapidfuzz", "matcher_cpu_ratio", "<= 3x"),
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_claims", description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.claims < 1 or args.docs < 1:
        parser.error("--claims and --docs must be at least 1")
    figures = run_claims_benchmark(args.claims, args.docs, args.seed)
    print(f"{figures['claims']:,} claims x {figures['docs']:,} pages "
          f"({figures['corpus_mb']} MB, {figures['windows']:,} windows, "
          f"{figures['pairs']:,} claim-page pairs); {figures['cores']} cores")  # fmt: skip
    print("step | figure | target")
    for name, key, target in _ROWS:
        unit = "x" if key.startswith("matcher") else " s"
        print(f"{name} | {figures[key]}{unit} | {target or '-'}")
    print(f"peak RSS: {figures['peak_rss_mb']} MB; verdicts: {figures['verdicts']}")
    for plan, verdicts in figures["verdicts_by_plan"].items():
        print(f"  planned {plan}: {verdicts}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if sum(figures["verdicts"].values()) == args.claims else 1


if __name__ == "__main__":
    sys.exit(main())
