"""Small labelled texts the training tests write to files: ACLED categories with varied
actors, tense, voice and word order, and texts that hold no ACLED event."""
from __future__ import annotations

import json
from pathlib import Path

PROTEST = ("Peaceful protest", "Protests")
CLASH = ("Armed clash", "Battles")
IED = ("Remote explosive/landmine/IED", "Explosions/Remote violence")

TEXTS = {
    PROTEST: [
        "On 3 March 2024, teachers protested outside the education office in Quetta, "
        "demanding unpaid salaries.",
        "Hundreds of farmers staged a peaceful demonstration in Multan over water shortages.",
        "Students rallied in Peshawar on Monday against the rise in university fees.",
        "A sit-in was held by lawyers outside the high court in Lahore to demand judicial "
        "reforms.",
        "Traders are protesting in Karachi against new taxes, shutting their shops.",
        "Nurses marched peacefully through Nairobi to demand better pay on 5 May 2023.",
        "Residents of Gwadar held a protest against power cuts, chanting slogans.",
        "On 12 June 2022, women demonstrated in Kabul for the right to work.",
    ],
    CLASH: [
        "On 4 April 2024, soldiers clashed with BLA militants near Turbat, and two soldiers "
        "were killed.",
        "Security forces exchanged fire with TTP militants in North Waziristan on Sunday.",
        "Fighting broke out between the army and al-Shabaab fighters near Kismayo.",
        "Police engaged gunmen in a gunfight in Bannu, killing three of the attackers.",
        "Rebels and government troops fought for hours outside Goma on 9 March 2025.",
        "An armed clash between Frontier Corps personnel and militants was reported in "
        "Panjgur.",
        "Troops battled insurgents in the hills near Kalat, leaving four dead.",
        "ADF fighters were engaged by the military near Beni, and heavy fighting followed.",
    ],
    IED: [
        "On 2 February 2024, an IED exploded near a police van in Quetta, injuring five "
        "policemen.",
        "A roadside bomb struck a military convoy in Kech district, killing two soldiers.",
        "A landmine blast killed a shepherd near Dera Bugti on Tuesday.",
        "An improvised explosive device planted on a motorcycle went off in Bajaur market.",
        "Militants detonated a remote-controlled bomb targeting an FC patrol near Mastung.",
        "A bomb planted by unknown men exploded outside a school in Khuzdar.",
        "Two labourers were wounded when an explosive device went off in Sibi on 7 July 2023.",
        "A remote-controlled IED hit a vehicle of the Levies force in Kohlu.",
    ],
    None: [
        "The central bank raised interest rates by half a point on Thursday.",
        "Heavy rains flooded several streets in Karachi after a storm.",
        "The cricket team won the final by six wickets in Lahore.",
        "The minister inaugurated a new hospital in Quetta on Monday.",
        "A bus overturned on the highway near Hub, injuring ten passengers.",
        "The company announced record profits for the last quarter.",
    ],
}


def records() -> list[dict]:
    out = []
    for (key, texts) in TEXTS.items():
        for number, text in enumerate(texts):
            events = [] if key is None else [{"event_type": key[1], "sub_event_type": key[0]}]
            out.append({"id": f"{key[0] if key else 'none'}-{number}", "text": text,
                        "events": events, "expect_no_event": key is None})
    return out


def write_gold(path: Path, rows: list[dict] | None = None) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in (rows or records())),
                    encoding="utf-8")
    return path


def libraries_imported_when_coding(model_folder) -> list[str]:
    """The scikit-learn and SciPy modules a fresh process imports to code one text with the
    model in ``model_folder`` (a model is scored with NumPy alone: none is expected)."""
    import subprocess
    import sys
    script = ("import sys\nfrom eventcoder import Engine\n"
              f"engine = Engine(['acled'], trained={str(model_folder)!r})\n"
              "assert engine.code_texts(['Soldiers clashed with militants near Turbat.'])\n"
              "print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('sklearn', 'scipy'))))\n")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True)
    return found.stdout.split()
