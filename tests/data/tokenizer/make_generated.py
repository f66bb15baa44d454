"""Writes french_generated.txt: template sentences dense in what the French tokenizer treats
specially (hyphenated compounds and names, elisions, both apostrophes, every hyphen character,
upper case, numbers, e-mails, URLs). Deterministic; run it again only to change the text."""

from __future__ import annotations

import random
from pathlib import Path

COMPOUNDS = [
    "anti-inflammatoire", "contre-indication", "demi-journée", "sous-préfet", "auto-entrepreneur",
    "néo-retraité", "ex-président", "vice-présidente", "porte-parole", "garde-malade", "après-midi",
    "arrière-grand-mère", "avant-projet", "bien-être", "bien-vieillir", "co-construction", "cyber-sécurité",
    "extra-hospitalier", "franco-allemand", "grand-parent", "haut-parleur", "hors-série", "inter-communal",
    "mi-temps", "mini-bus", "multi-partenarial", "non-recours", "post-opératoire", "pré-diagnostic",
    "pluri-professionnel", "semi-remorque", "sans-abri", "socio-culturel", "sur-mesure", "télé-consultation",
    "tout-petit", "ultra-rapide", "vis-à-vis", "week-end", "aide-soignante", "abat-jour", "après-guerre",
    "audio-prothésiste", "bas-côté", "belle-sœur", "casse-tête", "chasse-neige", "contre-attaque",
    "couvre-feu", "faux-semblant", "fac-similé", "hip-hop", "mi-parcours", "nord-est", "sud-ouest",
    "quasi-totalité", "rond-point", "saut-de-ski", "pet-en-l'air", "tête-à-tête", "bouche-à-oreille",
    "c'est-à-dire", "peut-être", "rendez-vous", "au-delà", "celles-ci", "quelques-uns", "jusque-là",
    "entr'ouvert", "entr'acte", "grand'mère", "grand'rue", "r'voilà", "aujourd'hui", "presqu'île",
    "prud'homme", "quelqu'un", "d'abord", "s'est-il", "a-t-elle", "est-ce", "qu'est-ce",
    "droits-de-l'homme", "arc-en-ciel", "eau-de-vie", "pomme-de-terre", "sous-main", "chef-lieu",
]
PLACES = [
    "Saint-Pierre-en-Auge", "Pont-l'Évêque", "Bourg-en-Bresse", "Châlons-en-Champagne", "Aix-les-Bains",
    "Saint-Étienne-du-Rouvray", "L'Haÿ-les-Roses", "Villeneuve-d'Ascq", "Sainte-Foy-lès-Lyon", "Val-d'Oise",
    "Côtes-d'Armor", "Seine-Saint-Denis", "Bar-le-Duc", "Mont-de-Marsan", "Lons-le-Saunier", "Montceau-les-Mines",
    "Saint-Jean-de-Luz", "Neuilly-sur-Seine", "Boulogne-sur-Mer", "Noyant-d'Allier", "Saint-Martin-d'Hères",
    "Clermont-Ferrand", "Livarot-Pays-d'Auge", "Notre-Dame-de-Gravenchon", "Châteauneuf-du-Pape",
]
PEOPLE = [
    "Marie-Hélène Le Goff", "Jean-Baptiste d'Ormesson", "Anne-Sophie N'Diaye", "Pierre-Yves Lacroix-Saint-Ange",
    "Léa Saint-Cyr", "Jean-Marc Dupont-Aignan", "Françoise d'Harcourt", "Jean-Pierre L'Hermitte",
    "Anne-Marie O'Neill", "Bernard de La Villardière", "Sophie Martin-Lalande", "Karim Ben-Saïd",
]
TITLES = [
    "directrice générale de l'ARS", "président de la communauté de communes", "sous-préfète",
    "vice-président du conseil départemental", "maire-adjoint", "coordinatrice du CLS", "porte-parole de l'URPS",
]
VERBS = ["a présenté", "a signé", "a évoqué", "défend", "a rappelé", "a inauguré", "commente", "a cité"]
APOSTROPHES = ["'", "’"]
HYPHENS = ["-", "‐", "‑", "–", "—"]
TEMPLATES = [
    "{p}, {t}, {v} le {c} de {pl} le {d} {m} {y}.",
    "À {pl}, {p} {v} l'{c2} : « C'est l'affaire de tous », dit-{pr}.",
    "Le {c} ({n} %) concerne {n2} habitants de {pl} ; écrire à {mail} ou voir {url}.",
    "Qu'en pense {p} ? « {C} ! » répond-{pr}, {t}, à {pl}.",
    "D'après {p}, l'{c2} et le {c} d'{pl2} coûteront {n2} € d'ici {y}.",
    "{PL} : {p} et {p2} {v} le {c}, {n} fois en {y}.",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def vary(s: str, rng: random.Random) -> str:
    s = s.replace("'", rng.choice(APOSTROPHES))
    if rng.random() < 0.15:
        s = s.replace("-", rng.choice(HYPHENS[1:]))
    return s


def sentence(rng: random.Random) -> str:
    words = {
        "p": rng.choice(PEOPLE), "p2": rng.choice(PEOPLE), "t": rng.choice(TITLES), "v": rng.choice(VERBS),
        "c": rng.choice(COMPOUNDS), "c2": rng.choice(COMPOUNDS), "pl": rng.choice(PLACES), "pr": rng.choice(["il", "elle", "on"]),
        "d": rng.randint(1, 31), "m": rng.choice(MONTHS), "y": rng.randint(1990, 2030),
        "n": f"{rng.randint(1, 99)},{rng.randint(0, 9)}", "n2": f"{rng.randint(1, 999)} {rng.randint(0, 999):03d}",
        "mail": f"contact.{rng.randint(1, 99)}@cls-{rng.choice(['orne', 'auge', 'lens'])}.fr",
        "url": f"https://www.ars.sante.fr/cls-{rng.randint(2000, 2030)}?id={rng.randint(1, 999)}",
    }
    words["C"] = words["c"][:1].upper() + words["c"][1:]
    words["pl2"] = words["pl"]
    words["PL"] = words["pl"].upper() if rng.random() < 0.3 else words["pl"]
    return vary(rng.choice(TEMPLATES).format(**words), rng)


def main() -> None:
    rng = random.Random(6)
    paragraphs = [" ".join(sentence(rng) for _ in range(8)) for _ in range(24)]
    Path(__file__).with_name("french_generated.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
