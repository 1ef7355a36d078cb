"""The interface's own words in each language, and which language a run uses."""

from __future__ import annotations

import os
from collections.abc import Mapping

from tacref.model import LANGS


def resolve_language(flag: str | None, env: Mapping[str, str] = os.environ, query: str = "") -> str:
    """``--lang`` > TACREF_LANG > a Chinese locale > the query's script > the locale.

    The locale is LANGUAGE > LC_ALL > LC_MESSAGES > LANG; ``C`` and ``POSIX`` say
    nothing about language and are skipped. Many Chinese readers run tacref where
    the locale is ``C.UTF-8`` or ``en_US`` (servers, containers, most Macs): a
    question in Chinese characters is answered in Chinese there; a Latin-script
    question under a Chinese locale stays Chinese.
    """
    if flag:
        return _regional(flag, env)
    told = _told(env, ("TACREF_LANG",))
    if told:
        return told
    told = _told(env, ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))
    if told and told != "en":
        return told
    if query and _has_chinese(query):  # and in traditional characters when so asked
        if is_cantonese(query):  # in either script (Chinese read 9, C3)
            return "zh-HK"
        return "zh-TW" if is_traditional(query) else "zh"
    return told or "en"


def is_cantonese(text: str) -> bool:
    """Whether ``text`` is written Cantonese: a character only it uses (咗, 冇, 佢),
    or 係 that is no 關係 (is). In simplified text 晒 is Mandarin (晒太阳)."""
    chars = CANTONESE_CHARS if is_traditional(text) else CANTONESE_CHARS - {"晒"}
    if any(c in chars for c in text) or "好犀利" in text:  # 頭痛得好犀利: very bad
        return True
    return any(c == "係" and (n == 0 or text[n - 1] not in "關联聯") for n, c in enumerate(text))


# Characters only written Cantonese uses (咗, 啲, 冇): a traditional question with one
# is from Hong Kong or Macau, not Taiwan.
CANTONESE_CHARS = frozenset("咗啲冇唔佢嘢晒嘅喺哋嚟睇攰揾搵嗰咁冚瞓")


def is_traditional(text: str) -> bool:
    """Whether ``text`` has a character only traditional Chinese writes (風, 腎,
    not 乾, which simplified text writes too): see ``traditional_chars``."""
    from tacref.i18n_trad import TRADITIONAL  # its own module: a Chinese question
    # needs only this set, not every interface word in traditional characters

    return any(c in TRADITIONAL for c in text)


def _told(env: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    """The language the first of ``names`` that says one says, or None."""
    for var in names:
        for value in env.get(var, "").split(":"):
            code = value.split(".")[0].split("@")[0].strip().lower()
            if not code or code in ("c", "posix"):
                continue
            parts = code.replace("-", "_").split("_")
            if parts[0] != "zh":
                return parts[0] if parts[0] in LANGS else "en"
            return _chinese(parts[1:], env)
    return None


# Output languages beyond the data's own (LANGS): traditional characters with the
# vocabulary of Taiwan and of Hong Kong (and Macau), converted when the index is
# built (OpenCC's s2twp and s2hk) and read from it.
HANT = {"zh-TW": "s2twp", "zh-HK": "s2hk"}
# Words OpenCC converts wrongly in medical text (s2twp's vocabulary is a computer
# user's: 代码 is not always 程式碼), put right after converting (``fix_hant``).
HANT_FIXES = {
    "程式碼": "代碼",
    "稽核": "審核",
    "支援": "支持",
    "髮燙": "發燙",
    "髮熱": "發熱",
    "髮燒": "發燒",
    "髮紅": "發紅",
    "髮黃": "發黃",
    "髮炎": "發炎",
    "髮癢": "發癢",
    "髮白": "發白",
    "髮黑": "發黑",
    "髮紫": "發紫",
    "髮青": "發青",
    "髮麻": "發麻",
    "髮脹": "發脹",
    "髮冷": "發冷",
    "髮作": "發作",
    "迴圈": "循環",
    "型別": "類型",
    "錶現": "表現",
    "麵部": "面部",
    "麵頰": "面頰",
    "隻能": "只能",
    "隻在": "只在",
    "隻有": "只有",
    "隻是": "只是",
    "隻要": "只要",
    "干燥": "乾燥",
    "眼睛干": "眼睛乾",
    "複發": "復發",
    "衝成": "沖成",
    "衝掉": "沖掉",  # rinse off
    "點明瞭": "點明了",
    "鉅細胞": "巨細胞",  # s2hk: cytomegalovirus is 巨細胞病毒 in Hong Kong too
    "擴充套件": "擴展",  # s2twp: 扩展 is not a software "extension package"
    "併發起": "並發起",  # 并 "and" before 发起/为/发热 is 並; 併發 is a complication
    "併為": "並為",
    "併發熱": "並發熱",
    "複色": "復色",  # repigmentation: the colour comes back (恢復), not "multicolour"
    "拍幹": "拍乾",  # 干 "dry" is 乾, not 幹
    "擦幹": "擦乾",
    "吹幹": "吹乾",
    "晾幹": "晾乾",
    "獲準": "獲准",  # approved (准), not accurate (準)
    "遲髮型": "遲發型",  # delayed-type (hypersensitivity): 发 "arise", not hair
    "複髮型": "復發型",  # frequently relapsing
    "髮緊": "發緊",
    "髮花": "發花",
    "感嘆號樣發": "感嘆號樣髮",  # exclamation-mark hairs (alopecia areata): hair
    "失明瞭": "失明了",
    "社群保健": "社區保健",  # s2twp: 社区 a community, not an online 社群 (Chinese read 9, B1)
    "寫明瞭": "寫明了",
    "“": "「",  # Taiwan and Hong Kong quote with corner brackets
    "”": "」",
    "‘": "『",
    "’": "』",
}


# Each region's own words where OpenCC keeps the mainland's or picks a computer
# user's, put right after HANT_FIXES (in this order: 看醫師 is put back to 看醫生).
HANT_REGION_FIXES = {
    "zh-TW": {
        "啟用": "活化",  # s2twp's 激活 is enabling a feature; T細胞活化 in medicine
        "物件": "對象",  # s2twp's 对象 is a programming object
        "程式": "程序",  # a procedure, not a computer program
        "綜合徵": "症候群",
        "醫生": "醫師",  # what Taiwan's hospitals and leaflets print
        "看醫師": "看醫生",  # but one goes 看醫生
        "關鍵詞": "關鍵字",
        "社區保健護士": "公衛護理師",  # the home-visit nurse (read 9, C1)
        "助產士": "助產師",  # Taiwan's title
    },
    "zh-HK": {
        "綜合徵": "綜合症",
        "複診": "覆診",  # the Hospital Authority's and everyday word
        "藥師": "藥劑師",  # the Hong Kong title
        "去急診": "去急症室",  # Hong Kong's A&E
        "前往急診": "前往急症室",
        "聯繫": "聯絡",
        "社區保健護士": "母嬰健康院護士",  # Hong Kong's health visitor (Chinese read 9, C1)
        "尿布": "尿片",  # Hong Kong's nappy
    },
}


def fix_hant(text: str, region: str = "") -> str:
    """``text`` as OpenCC converted it for ``region`` (zh-TW, zh-HK), with
    ``HANT_FIXES`` and the region's ``HANT_REGION_FIXES`` put right."""
    for fixes in (HANT_FIXES, HANT_REGION_FIXES.get(region, {})):
        for wrong, right in fixes.items():
            if wrong in text:
                text = text.replace(wrong, right)
    return text


CHOICES = ("en", "zh", "zh-Hans", "zh-Hant", "zh-TW", "zh-HK")


def _chinese(parts: list[str], env: Mapping[str, str]) -> str:
    """zh_TW -> zh-TW; zh_HK and zh_MO -> zh-HK; zh_Hant -> the region's, else
    Taiwan's; anything else (zh_CN, zh_SG, zh_Hans, zh) -> zh."""
    if "hk" in parts or "mo" in parts:
        return "zh-HK"
    if "tw" in parts:
        return "zh-TW"
    if "hant" in parts:
        return _hant_region(env)
    return "zh"


def _hant_region(env: Mapping[str, str]) -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in env.get(var, "").split(":"):
            code = value.split(".")[0].lower()
            if code.startswith("zh") and any(r in code for r in ("_hk", "_mo", "-hk", "-mo")):
                return "zh-HK"
    return "zh-TW"


def _regional(flag: str, env: Mapping[str, str]) -> str:
    """``--lang``'s value as an output language: zh-Hant is the locale's region's
    traditional Chinese (Hong Kong's under zh_HK or zh_MO, else Taiwan's)."""
    if flag == "zh-Hans":
        return "zh"
    if flag == "zh-Hant":
        return _hant_region(env)
    return flag


def data_language(lang: str) -> str:
    """The language of the data an output language is made from (zh-TW: zh)."""
    return "zh" if lang.startswith("zh") else lang


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")


def _has_chinese(text: str) -> bool:
    if text.isascii():
        return False
    from tacref.names import has_cjk

    return has_cjk(text)


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "Summary",
        "condition": "About the condition",
        "mechanism": "How tacrolimus acts here",
        "usage": "How it is used",
        "expectations": "What to expect",
        "alternatives": "Other treatments",
        "precautions": "Precautions",
        "daily_care": "Daily care",
        "urgent": "When to get urgent help",
        "faq": "Questions people ask",
        "mechanism@adverse-effect": "How tacrolimus causes it",
        "usage@adverse-effect": "How it is managed",
        "side_effects": "Side effects",
        "related": "Related conditions",
        "sources": "Sources",
        "approvals": "Approvals",
        "status": "Status",
        "evidence": "Evidence",
        "forms": "Forms",
        "category": "Category",
        "reviewed": "Reviewed",
        "name": "Condition",
        "effect": "Effect",
        "frequency": "Frequency",
        "form": "Form",
        "serious": "Serious",
        "action": "What to do",
        "why": "Why",
        "count": "Articles",
        "yes": "yes",
        "no": "no",
        "covers": "This table covers: {routes}.",
        "no_side_effects": "No side effects are listed for this article.",
        "no_related": "No related conditions are listed.",
        "local_notes": "Local notes",
        "local_notes_origin": "Added on this computer ({path}); not reviewed by tacref.",
        "disclaimer": (
            "General information, not medical advice. Your own doctor decides about "
            "your treatment; do not start, stop or change tacrolimus on your own."
        ),
        "status:approved": "approved",
        "status:off-label": "off-label",
        "status:investigational": "investigational",
        "status:no-established-role": "no established role",
        "status:adverse-effect": "a known side effect",
        "evidence:high": "high",
        "evidence:moderate": "moderate",
        "evidence:low": "low",
        "evidence:very-low": "very low",
        "evidence:none": "none",
        "frequency:very-common": "very common",
        "frequency:common": "common",
        "frequency:uncommon": "uncommon",
        "frequency:rare": "rare",
        "frequency:very-rare": "very rare",
        "frequency:unknown": "unknown",
        "frequency_legend": (
            "Frequency: very common ≥1 in 10; common 1 in 100 to 1 in 10; uncommon 1 in 1,000 "
            "to 1 in 100; rare 1 in 10,000 to 1 in 1,000; very rare <1 in 10,000; unknown: "
            "reported, but how often cannot be estimated."
        ),
        "route:topical": "ointment (on the skin)",
        "route:eye": "eye preparations",
        "route:systemic": "capsules, granules, injection (whole body)",
        "short:topical": "ointment",
        "short:eye": "eye",
        "short:systemic": "oral/IV",
        "short:oral": "oral",
        "short:iv": "IV infusion",
        "form:capsule": "capsule",
        "form:extended-release": "extended-release capsule/tablet",
        "form:granules": "granules",
        "form:injection": "injection",
        "form:ointment-0.03": "ointment 0.03%",
        "form:ointment-0.1": "ointment 0.1%",
        "form:eye-drops": "eye drops",
        "where:US FDA": "US",
        "where:EMA": "EU",
        "where:Japan PMDA": "Japan",
        "where:China NMPA": "China",
        "where:UK MHRA": "UK",
        "where:Health Canada": "Canada",
        "where:Australia TGA": "Australia",
        "regulator:US FDA": "US FDA",
        "regulator:EMA": "EMA",
        "regulator:Japan PMDA": "Japan PMDA",
        "regulator:China NMPA": "China NMPA",
        "regulator:UK MHRA": "UK MHRA",
        "regulator:Health Canada": "Health Canada",
        "regulator:Australia TGA": "Australia TGA",
        "kind:label": "label",
        "kind:regulator": "regulator",
        "kind:guideline": "guideline",
        "kind:review": "review",
        "kind:trial": "trial",
        "colon": ": ",
        "period": ". ",
        "comma": ", ",
        "question": "Q: ",
        "answer": "A: ",
        "semicolon": "; ",
        "enum": ", ",
        "names": "Names",
        "results": "{total} results",
        "result": "1 result",
        "results_of": "{shown} of {total} results; --limit to see more",
        "some_words": "No article holds every word ({words}): those holding the most come first.",
        "missing_words": "No article holds: {words}.",
        "paren": " ({})",
        "apart": " — ",
        "route-where:topical": "on the skin",
        "route-where:eye": "in the eye",
        "route-where:systemic": "acts on the whole body",
        "category:dermatology": "dermatology",
        "category:eye": "eye",
        "category:transplant": "transplant",
        "category:rheumatology": "rheumatology",
        "category:kidney": "kidney",
        "category:gastroenterology": "gastroenterology",
        "category:haematology": "haematology",
        "category:neurology": "neurology",
        "category:cardiovascular": "cardiovascular",
        "category:metabolic": "metabolic",
        "category:infection": "infection",
        "category:oncology": "oncology",
        "category:respiratory": "respiratory",
        "products": "Products",
        "product": "Product",
        "brands": "Brand names",
        "release": "Release",
        "rhythm": "How often",
        "route": "Route",
        "approved_in": "Approved in",
        "who_for": "Who it is for",
        "how_used": "How it is used",
        "cautions": "What to watch for",
        "not_interchangeable": (
            "Tacrolimus products taken by mouth or by infusion are not interchangeable mg for "
            "mg: immediate- and extended-release forms, and different brands, can give "
            "different blood levels. Only your prescriber switches a product, with extra "
            "blood-level checks. Check the name and the form on every new pack."
        ),
        "forms_hint": (
            "'tacref forms NAME' shows one product: its name, a brand (Prograf, Protopic, "
            "普乐可复) or a word such as ointment."
        ),
        "agent": "Drug, herb or food",
        "class": "Kind",
        "severity": "Severity",
        "how": "How",
        "matters_for": "Matters for",
        "what_happens": "What happens",
        "what_to_do": "What to do",
        "watch_for": "Signs to watch for",
        "effect:raises-level": "Raises tacrolimus levels",
        "effect:lowers-level": "Lowers tacrolimus levels",
        "effect:adds-toxicity": "Adds to a side effect",
        "effect:vaccine": "Vaccines",
        "effect:no-meaningful-interaction": "No meaningful interaction",
        "severity:avoid": "avoid",
        "severity:adjust": "only with the team: dose change and extra blood-level checks",
        "severity:monitor": "tell the team: monitoring",
        "severity:none": "no special steps",
        "toxicity:kidney": "kidney damage",
        "toxicity:potassium": "high potassium",
        "toxicity:qt": "QT heart rhythm",
        "agent_effect": "Effect",
        "interactions_pointer": (
            "Can I take a medicine, herb or food with it? 'tacref interactions NAME' "
            "(e.g. tacref interactions fluconazole grapefruit)."
        ),
        "toxicity:infection": "infections",
        "toxicity:blood-counts": "low blood counts",
        "toxicity:nervous-system": "nervous system",
        "toxicity:other": "other",
        "interactions_hint": (
            "'tacref interactions NAME...' shows a card for each (several at once, e.g. "
            "tacref interactions fluconazole ibuprofen omeprazole)."
        ),
        "not_in_list": (
            "Not in this list does not mean safe: ask your pharmacist or transplant team "
            "before starting any new medicine, herb or supplement."
        ),
        "symptom_title": "Is it tacrolimus? {query}",
        "tier:emergency": "EMERGENCY: call emergency services now.",
        "tier:today": (
            "TODAY: contact your transplant team or the doctor who prescribes tacrolimus today."
        ),
        "tier:next-visit": (
            "NEXT VISIT: mention it at your next appointment; sooner if it gets worse."
        ),
        "tier:today-advice": "TODAY: get advice today, as below.",
        "raised_action": "Because of what you describe, do not wait for your next visit: "
        "contact your team today.",
        "not_a_side_effect_advice": "not a side effect: see what to do below",
        "is_it_the_drug": "Is it the drug?",
        "known_effect": "a known side effect of {route}; how often: {band}",
        "not_a_side_effect": "not a side effect: a question for your team",
        "urgency": "How urgent",
        "urgency:emergency": "emergency",
        "urgency:today": "today",
        "urgency:next-visit": "next visit",
        "raised": " (more urgent because of '{word}')",
        "level_raisers": (
            "{names} can raise the tacrolimus level, and a high level can cause this:"
            " contact your team today. See {commands}."
        ),
        "agents_today": (
            "{names} can change the tacrolimus level or add to its side effects: ask your"
            " transplant team or pharmacist today, before you start or stop it. Do not change"
            " your tacrolimus yourself. See {commands}."
        ),
        "agents_next_visit": (
            "tacref has an interaction card for {names}: see {commands}. Ask your"
            " pharmacist or team if you are unsure."
        ),
        "matched": "Matched",
        "read_as": "Read as '{word}'.",
        "if_you_also_have": (
            "More urgent if you mean one of these: {words}. Ask again in those words."
        ),
        "symptom_unknown": (
            "If this came on suddenly or is severe, get urgent help now. tacref does not "
            "know '{query}' as a side effect of tacrolimus; that does not make it harmless"
        ),
        "symptom_unknown_hint": ("if it worries you, ask your transplant team or pharmacist today"),
        "symptom_denied": (
            "You wrote that you do not have {words}, and tacref found no other symptom it"
            " knows. If something else worries you, ask about it in your own words; if it came"
            " on suddenly or is severe, get urgent help now."
        ),
        "did_you_mean": "did you mean: {words}?",
        "no_match": "no condition matches '{query}'",
        "no_match_hint": "try 'tacref list' or 'tacref search TEXT'",
        "no_article": "tacref has no article on '{query}' (yet)",
        "known_side_effect": "{query} is a known side effect: tacref symptom {query}",
        "nearby": "articles near it: {names} ('tacref show NAME')",
        "mentioned": "articles that mention it: {names} ('tacref search {query}')",
        "product_fact": "product approvals that name it: {products} ('tacref forms NAME')",
        "about_risk": "about {kind} risk with tacrolimus see: {names} ('tacref show NAME')",
        "risk:cancer": "cancer",
        "risk:infection": "infection",
        "read_more": "Read more",
        "emergency_numbers": "Emergency numbers ({country}): {numbers}.",
        "no_country": (
            "Emergency numbers: 112 in Europe, 911 in the US and Canada, 120 in mainland "
            "China, 119 in Japan and Taiwan, 999 in the UK and Hong Kong; "
            "'--country CODE' shows yours."
        ),
        "number:emergency": "emergency",
        "number:ambulance": "ambulance",
        "number:urgent": "urgent advice, not an emergency",
        "not_a_diagnosis": (
            "This is not a diagnosis: it says what is known about tacrolimus and how urgent "
            "the symptom sounds. When unsure, get help sooner rather than later."
        ),
        "product_hint": "a product: tacref forms {id}",
        "agent_hint": "can I take it with tacrolimus? tacref interactions {id}",
        "not_a_treatment": (
            "Tacrolimus is not a treatment for this. {name} is a known side effect of tacrolimus."
        ),
        "urgent_mark": "⚠ URGENT",
        "urgent_pointer": "⚠ URGENT: signs that need help at once: see '{heading}' below.",
        "off_label_elsewhere": "off-label elsewhere ({where})",
        "review_due": "Next review due",
        "past_due_mark": "{due} (past due)",
        "review": "Review",
        "past_due": "⚠ PAST DUE since {due}: may be out of date; ask your doctor",
        "more": "The whole article: tacref show {id}; one section: tacref show {id} -s NAME.",
        "pager_prompt": "press q to quit, space for more, / to search",
        "ambiguous": "{query} matches more than one condition: {names}",
        "ambiguous_hint": "type more of the name",
        "ambiguous_more": ", and {n} more: tacref search {query}",
        "no_item": "no {what} matches {query}",
        "what:product": "product",
        "what:agent": "drug, herb or food",
        "try:product": "try 'tacref forms'",
        "try:agent": "try 'tacref interactions' for the list.",
        "agent_not_safe": (
            " Not in tacref's list does not mean it is safe with tacrolimus: ask your"
            " pharmacist or transplant team"
        ),
        "no_results": "nothing matches {query}",
        "no_results_hint": "try fewer or other words, in English or Chinese",
        "is_product": "{query} is a product, not a condition",
        "is_condition": "{query} is a condition, not a product",
        "is_condition_hint": "see 'tacref show {id}', or 'tacref forms' for the products",
        "converted": (
            "Converted automatically from the simplified Chinese original (OpenCC); "
            "the simplified text is the reviewed one."
        ),
        "product_side_effects": (
            "'tacref side-effects {id}' lists the side effects of this form: how often each "
            "occurs, which are serious, and what to do."
        ),
    },
    "zh": {
        "summary": "摘要",
        "condition": "关于这种疾病",
        "mechanism": "他克莫司在此如何起作用",
        "usage": "如何使用",
        "expectations": "疗效预期",
        "alternatives": "其他治疗",
        "precautions": "注意事项",
        "daily_care": "日常护理",
        "urgent": "何时需要紧急就医",
        "faq": "常见问题",
        "mechanism@adverse-effect": "他克莫司如何引起此问题",
        "usage@adverse-effect": "如何处理",
        "side_effects": "不良反应",
        "related": "相关疾病",
        "sources": "资料来源",
        "approvals": "获批情况",
        "status": "定位",
        "evidence": "证据",
        "forms": "剂型",
        "category": "类别",
        "reviewed": "审核日期",
        "name": "疾病",
        "effect": "不良反应",
        "frequency": "频率",
        "form": "剂型",
        "serious": "严重",
        "action": "应对",
        "why": "关联原因",
        "count": "条目数",
        "yes": "是",
        "no": "否",
        "covers": "本表适用于：{routes}。",
        "no_side_effects": "本条目未列出不良反应。",
        "no_related": "未列出相关疾病。",
        "local_notes": "本地备注",
        "local_notes_origin": "由本机添加（{path}），未经 tacref 审核。",
        "disclaimer": (
            "本内容仅为一般信息，不能代替医疗建议。"
            "治疗方案由您的医生决定；请勿自行开始、停用或调整他克莫司。"
        ),
        "status:approved": "已获批",
        "status:off-label": "超说明书用药",
        "status:investigational": "研究阶段",
        "status:no-established-role": "无公认作用",
        "status:adverse-effect": "已知不良反应",
        "evidence:high": "高",
        "evidence:moderate": "中等",
        "evidence:low": "低",
        "evidence:very-low": "很低",
        "evidence:none": "无",
        "frequency:very-common": "十分常见",
        "frequency:common": "常见",
        "frequency:uncommon": "偶见",
        "frequency:rare": "罕见",
        "frequency:very-rare": "十分罕见",
        "frequency:unknown": "未知",
        "frequency_legend": (
            "频率：十分常见 ≥1/10；常见 1/100～1/10；偶见 1/1000～1/100；罕见 1/10000～1/1000；"
            "十分罕见 <1/10000；未知：有报告，但无法估计发生率。"
        ),
        "route:topical": "软膏（外用）",
        "route:eye": "眼用制剂",
        "route:systemic": "胶囊、颗粒、注射剂（全身用药）",
        "short:topical": "软膏",
        "short:eye": "眼用",
        "short:systemic": "口服/静脉",
        "short:oral": "口服",
        "short:iv": "静脉输注",
        "form:capsule": "胶囊",
        "form:extended-release": "缓释制剂",
        "form:granules": "颗粒剂",
        "form:injection": "注射液",
        "form:ointment-0.03": "0.03% 软膏",
        "form:ointment-0.1": "0.1% 软膏",
        "form:eye-drops": "滴眼液",
        "where:US FDA": "美国",
        "where:EMA": "欧盟",
        "where:Japan PMDA": "日本",
        "where:China NMPA": "中国",
        "where:UK MHRA": "英国",
        "where:Health Canada": "加拿大",
        "where:Australia TGA": "澳大利亚",
        "regulator:US FDA": "美国FDA",
        "regulator:EMA": "欧盟EMA",
        "regulator:Japan PMDA": "日本PMDA",
        "regulator:China NMPA": "中国NMPA",
        "regulator:UK MHRA": "英国MHRA",
        "regulator:Health Canada": "加拿大卫生部",
        "regulator:Australia TGA": "澳大利亚TGA",
        "kind:label": "说明书",
        "kind:regulator": "监管文件",
        "kind:guideline": "指南",
        "kind:review": "综述",
        "kind:trial": "临床试验",
        "colon": "：",
        "period": "。",
        "comma": "，",
        "question": "问：",
        "answer": "答：",
        "semicolon": "；",
        "enum": "、",
        "names": "名称",
        "results": "共{total}条结果",
        "result": "共1条结果",
        "results_of": "共{total}条结果，显示前{shown}条；用 --limit 查看更多",
        "some_words": "没有文章包含全部词语（{words}）：包含得最多的排在前面。",
        "missing_words": "没有文章包含：{words}。",
        "paren": "（{}）",
        "apart": "——",
        "route-where:topical": "外用于皮肤",
        "route-where:eye": "眼部用药",
        "route-where:systemic": "作用于全身",
        "category:dermatology": "皮肤科",
        "category:eye": "眼科",
        "category:transplant": "器官移植",
        "category:rheumatology": "风湿免疫科",
        "category:kidney": "肾脏病",
        "category:gastroenterology": "消化科",
        "category:haematology": "血液科",
        "category:neurology": "神经科",
        "category:cardiovascular": "心血管",
        "category:metabolic": "代谢",
        "category:infection": "感染",
        "category:oncology": "肿瘤",
        "category:respiratory": "呼吸科",
        "products": "相关产品",
        "product": "产品",
        "brands": "商品名",
        "release": "释放方式",
        "rhythm": "用药频次",
        "route": "给药途径",
        "approved_in": "获批地区",
        "who_for": "适用人群",
        "how_used": "用法要点",
        "cautions": "注意事项",
        "not_interchangeable": (
            "口服或静脉输注的他克莫司产品之间不能按相同毫克数互换：普通剂型与缓释剂型、"
            "不同品牌（厂家）的产品，用同样的量血药浓度也可能不同。只有开药的医生才能决定"
            "换用，换用后要加测血药浓度。每拿到一盒新的药，都要核对药名和剂型。"
        ),
        "forms_hint": (
            "“tacref forms 名称”显示单个产品：可输入名称、商品名（普乐可复、Protopic）"
            "或“软膏”等词。"
        ),
        "agent": "药物、草药或食物",
        "class": "类别",
        "severity": "严重程度",
        "how": "机制",
        "matters_for": "涉及剂型",
        "what_happens": "会发生什么",
        "what_to_do": "应该怎么做",
        "watch_for": "需要留意的征兆",
        "effect:raises-level": "升高他克莫司血药浓度",
        "effect:lowers-level": "降低他克莫司血药浓度",
        "effect:adds-toxicity": "加重某种不良反应",
        "effect:vaccine": "疫苗",
        "effect:no-meaningful-interaction": "无明显相互作用",
        "severity:avoid": "避免合用",
        "severity:adjust": "须经医疗团队同意：调整剂量并加测血药浓度",
        "severity:monitor": "告诉医疗团队：需要监测",
        "severity:none": "无需特别处理",
        "toxicity:kidney": "肾损害",
        "toxicity:potassium": "高血钾",
        "toxicity:qt": "QT间期延长",
        "agent_effect": "作用",
        "interactions_pointer": (
            "能否与某种药物、草药或食物同用？请用“tacref interactions 名称”查询"
            "（例如 tacref interactions 氟康唑 西柚）。"
        ),
        "toxicity:infection": "感染",
        "toxicity:blood-counts": "血细胞减少",
        "toxicity:nervous-system": "神经系统",
        "toxicity:other": "其他",
        "interactions_hint": (
            "“tacref interactions 名称……”显示每种的说明卡（可一次查多种，例如 "
            "tacref interactions 氟康唑 布洛芬 奥美拉唑）。"
        ),
        "not_in_list": (
            "不在本列表中并不代表安全：开始使用任何新的药物、草药或保健品之前，"
            "请先问药师或移植团队。"
        ),
        "symptom_title": "是不是他克莫司引起的？{query}",
        "tier:emergency": "紧急：请立即拨打急救电话。",
        "tier:today": "今天：请在今天联系您的移植团队或开他克莫司的医生。",
        "tier:next-visit": "下次复诊：在下次复诊时告诉医生；如果加重，请提前就诊。",
        "tier:today-advice": "今天：请按下面的建议，今天就咨询。",
        "raised_action": "根据您描述的情况，不要等到下次复诊：请今天就联系您的医疗团队。",
        "not_a_side_effect_advice": "不是副作用：请按下面的建议去做",
        "is_it_the_drug": "是不是药物引起的",
        "known_effect": "{route}已知的不良反应；发生频率：{band}",
        "not_a_side_effect": "不是副作用，而是需要问您的医疗团队的问题",
        "urgency": "紧急程度",
        "urgency:emergency": "紧急",
        "urgency:today": "今天就医",
        "urgency:next-visit": "下次复诊",
        "raised": "（因为“{word}”，紧急程度提高一级）",
        "level_raisers": (
            "{names}可能使他克莫司血药浓度升高，浓度过高可能引起这些症状："
            "请今天就联系您的医疗团队。详见{commands}。"
        ),
        "agents_today": (
            "{names}可能改变他克莫司血药浓度或加重其副作用：请今天就咨询您的移植团队或药师，开始使用或停用之前先问清楚。"
            "请不要自行调整他克莫司。详见{commands}。"
        ),
        "agents_next_visit": (
            "tacref有关于{names}的相互作用说明：详见{commands}。如有疑问，请咨询药师或医疗团队。"
        ),
        "matched": "匹配词",
        "read_as": "按“{word}”理解。",
        "if_you_also_have": "如果您指的是以下情况之一，会更紧急：{words}。请用这些词再问一次。",
        "symptom_unknown": (
            "如果症状是突然出现的或很严重，请立即求助急救。tacref 没有把“{query}”列为"
            "他克莫司的不良反应；这并不说明它无害"
        ),
        "symptom_unknown_hint": "如有担心，请在今天问您的移植团队或药师",
        "symptom_denied": (
            "您写的是没有{words}，tacref 也没有找到它认识的其他症状。如果还有别的情况让您担心，"
            "请用自己的话再问一次；如果症状是突然出现的或很严重，请立即求助急救。"
        ),
        "did_you_mean": "您是不是想说：{words}？",
        "no_match": "没有与“{query}”相符的疾病",
        "no_match_hint": "可试试“tacref list”或“tacref search 关键词”。",
        "no_article": "tacref 还没有关于“{query}”的文章",
        "known_side_effect": "{query}是已知的不良反应：tacref symptom {query}",
        "nearby": "相近的文章：{names}（用“tacref show 名称”查看）",
        "mentioned": "提到它的文章：{names}（用“tacref search {query}”查看）",
        "product_fact": "提到它的产品批准信息：{products}（用“tacref forms 名称”查看）",
        "about_risk": "关于用他克莫司时的{kind}风险，见：{names}（用“tacref show 名称”查看）",
        "risk:cancer": "癌症",
        "risk:infection": "感染",
        "read_more": "详细阅读",
        "emergency_numbers": "急救电话（{country}）：{numbers}。",
        "no_country": (
            "急救电话：中国大陆120，香港和澳门999，台湾和日本119，欧洲112，美国和加拿大911；"
            "用“--country 国家代码”显示您所在地的号码。"
        ),
        "number:emergency": "急救",
        "number:ambulance": "救护车",
        "number:urgent": "非紧急的医疗咨询",
        "not_a_diagnosis": (
            "这不是诊断：这里只说明他克莫司已知的不良反应以及症状听起来有多紧急。"
            "拿不准时，宁可早些就医。"
        ),
        "product_hint": "产品：tacref forms {id}",
        "agent_hint": "能否与他克莫司合用：tacref interactions {id}",
        "not_a_treatment": "他克莫司不能治疗此病。{name}是他克莫司已知的不良反应。",
        "urgent_mark": "⚠ 紧急",
        "urgent_pointer": "⚠ 紧急：需要立即就医的征兆，见下文“{heading}”。",
        "off_label_elsewhere": "其他地区属超说明书用药（{where}）",
        "review_due": "下次审核",
        "past_due_mark": "{due}（已过期）",
        "review": "复审",
        "past_due": "⚠ 已过复审日期（{due}），内容可能已过时，请咨询医生",
        "more": "完整条目：tacref show {id}；单个部分：tacref show {id} -s 部分名称。",
        "pager_prompt": "按 q 退出，空格键翻页，/ 搜索",
        "ambiguous": "“{query}”对应不止一种疾病：{names}",
        "ambiguous_hint": "请把名称输得完整一些",
        "ambiguous_more": "，另有{n}篇：tacref search {query}",
        "no_item": "没有与“{query}”相符的{what}",
        "what:product": "产品",
        "what:agent": "药物、草药或食物",
        "try:product": "可试试“tacref forms”",
        "try:agent": "可用“tacref interactions”查看列表。",
        "agent_not_safe": "不在 tacref 的列表中并不代表与他克莫司同用是安全的：请问药师或移植团队",
        "no_results": "没有找到与“{query}”相符的内容",
        "no_results_hint": "可以少用几个词或换个说法，中英文均可",
        "is_product": "“{query}”是产品，不是疾病",
        "is_condition": "“{query}”是疾病，不是产品",
        "is_condition_hint": "请用“tacref show {id}”查看，或用“tacref forms”查看产品",
        "said:no condition matches these filters": "没有符合这些筛选条件的疾病",
        "said:try 'tacref categories'": "可试试“tacref categories”",
        "said:no interaction card matches these filters": "没有符合这些筛选条件的相互作用说明卡",
        "said:try 'tacref interactions'": "可试试“tacref interactions”",
        "said:the condition name is empty": "疾病名称为空",
        "said:try 'tacref list'": "可试试“tacref list”",
        "said:the search text is empty": "搜索内容为空",
        "said:try 'tacref search \"burning skin\"'": "可试试“tacref search 烧灼”",
        "said:the symptom is empty": "没有输入症状",
        "said:try 'tacref symptom tremor'": "可试试“tacref symptom 手抖”",
        "said:the product name is empty": "产品名称为空",
        "said:try 'tacref forms'": "可试试“tacref forms”",
        "said:the agent name is empty": "药物名称为空",
        "overview": (
            "tacref {version}：他克莫司能治什么、不能治什么，中英文双语。\n"
            "\n"
            "  tacref list                     所有疾病，以及定位和剂型\n"
            "  tacref show 白癜风              文章全文\n"
            "  tacref side-effects 狼疮        该用途的不良反应，按剂型列出\n"
            "  tacref related 白癜风           相关疾病及关联原因\n"
            "  tacref search 烧灼              全文搜索，中英文均可\n"
            "  tacref forms                    各种产品（普乐可复、Advagraf、Protopic……）\n"
            "  tacref symptom 手抖             是不是药物引起的？有多紧急？\n"
            "  tacref interactions 氟康唑      能否与他克莫司同用？\n"
            "  tacref show vitiligo --lang en  英文文章\n"
            "\n"
            "用“tacref 命令 --help”查看各命令的选项。\n"
            "本内容仅为一般信息，不能代替医疗建议：治疗方案由您的医生决定。\n"
        ),
        "converted": "本文由简体中文自动转换（OpenCC），只有简体原文经过审核。",
        "product_side_effects": (
            "“tacref side-effects {id}”列出此剂型的不良反应：各自的发生频率、是否严重以及如何应对。"
        ),
    },
}


def said(lang: str, text: str) -> str:
    """A fixed English message or hint (``TacrefError("no condition matches these
    filters")``) in ``lang``, if the catalogue has it ("said:" + the English)."""
    if lang == "en":
        return text
    words = _WORDS.get(lang) or _hant(lang)
    found = words.get("said:" + text)
    if found is None and lang == "zh":  # --help's texts: only a --help run reads them
        from tacref.i18n_help import HELP

        found = HELP.get(text)
    return text if found is None else found


def t(lang: str, key: str, **fields: object) -> str:
    """The interface text ``key`` in ``lang``, with ``fields`` filled in."""
    words = _WORDS.get(lang) or _hant(lang)
    text = words.get(key) or _WORDS["en"][key]
    return text.format(**fields) if fields else text


def chinese_labels() -> list[str]:
    """Every Chinese interface text (headings, labels): words a search query may
    hold (副作用, 注意事项)."""
    return list(_WORDS["zh"].values())


def _hant(lang: str) -> dict[str, str]:
    """The words in traditional characters (zh-TW, zh-HK): converted once, by
    scripts/hant_words.py, into i18n_hant.py; never on a run."""
    if lang not in HANT:
        return _WORDS["en"]
    from tacref.i18n_hant import WORDS

    return WORDS.get(lang) or _WORDS["zh"]


def hant_words(lang: str) -> dict[str, str]:
    """The Chinese words converted for ``lang`` (zh-TW, zh-HK) by OpenCC: for
    scripts/hant_words.py and its test only."""
    import opencc

    from tacref.i18n_help import HELP

    converter = opencc.OpenCC(HANT[lang])
    words = {**_WORDS["zh"], **{f"said:{k}": v for k, v in HELP.items()}}
    return {key: fix_hant(converter.convert(text), lang) for key, text in words.items()}


def traditional_chars() -> str:
    """Every character OpenCC folds to a simplified one and that simplified text
    does not write (風, 腎, 濕, 髮: outside GB 2312, the simplified character set;
    not 乾 nor 著, which it has), in code-point order: a question holding one is
    written in traditional characters. For scripts/hant_words.py and its test."""
    import opencc

    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    simplified = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return "".join(
        c for c, s in zip(chars, simplified, strict=True) if s != c and not _in_gb2312(c)
    )


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def hant_module() -> str:
    """The text of i18n_hant.py (see ``hant_words``)."""
    lines = [
        "# ruff: noqa: E501",
        '"""The interface in traditional Chinese: generated by scripts/hant_words.py',
        'from the Chinese words in i18n.py (OpenCC s2twp, s2hk). Do not edit."""',
        "",
        "WORDS: dict[str, dict[str, str]] = {",
    ]
    for lang in HANT:
        lines.append(f"    {lang!r}: {{")
        lines += [f"        {k!r}: {v!r}," for k, v in hant_words(lang).items()]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def trad_module() -> str:
    """The text of i18n_trad.py (see ``traditional_chars``)."""
    lines = [
        '"""Characters only traditional text writes (i18n.is_traditional): generated by',
        'scripts/hant_words.py (OpenCC t2s). Do not edit."""',
        "",
        f"TRADITIONAL = frozenset({traditional_chars()!r})",
    ]
    return "\n".join(lines) + "\n"


def titled(lang: str, name: str, other: str) -> str:
    """A title: ``name`` with its name in the other language after it, in
    parentheses ("白癜风（Vitiligo）"); after a dash when that name has parentheses
    of its own, which would nest one kind in the other ("系统性红斑狼疮——Lupus
    (systemic lupus erythematosus)", not "（Lupus (...)）")."""
    if not other:
        return name
    if any(p in other for p in "()（）"):
        return name + t(lang, "apart") + other
    return name + t(lang, "paren").format(other)


def joined(lang: str, before: str, mark: str, after: str) -> str:
    """``before`` and ``after`` joined by the mark ``mark`` (colon, period, comma,
    semicolon). In Chinese the full-width mark where Chinese text meets it, and
    the English mark with its space between two pieces of Latin text
    ("Astellas, 2022"; "中华医学会，2020"; "美国FDA：用于……")."""
    if lang != "en" and (_wide(before[-1:]) or _wide(after[:1])):
        return before + t(lang, mark) + after
    return before + t("en", mark) + after


def _wide(char: str) -> bool:
    """Whether ``char`` is a Chinese (East Asian wide) character or mark."""
    if not char or char.isascii():
        return False
    import unicodedata

    return unicodedata.east_asian_width(char) in "WF"


def heading(lang: str, section: str, status: str) -> str:
    """A section heading; adverse-effect articles read some sections differently."""
    special = f"{section}@{status}"
    return t(lang, special) if special in _WORDS["en"] else t(lang, section)
