"""Rules: the statutory provisions that guards enforce and obligations come from.

Every refusal and every obligation names one of these, so that a user can look
the rule up. Sources are ``../shared/reference/procurement.md``; where the
reference marks a fact UNCONFIRMED, [`Rule.confirmed`][commissioning.procurement.Rule] is ``False`` and the
text says so.
"""

from __future__ import annotations

from types import MappingProxyType

import attrs

from .._errors import InvalidInput

__all__ = ["RULES", "Rule", "rule"]


@attrs.frozen
class Rule:
    """A statutory rule: where it is, what it requires, and whether the source is confirmed.

    Attributes:
        key: a short stable identifier (``"pa-s51-standstill"``).
        citation: the instrument and section (``"Procurement Act 2023 s.51(2)"``).
        summary: what the rule requires, in one sentence.
        confirmed: ``False`` where the reference marks the fact UNCONFIRMED.

    Examples:
        >>> r = rule("pa-s51-standstill")
        >>> r.citation
        'Procurement Act 2023 s.51(2)'
        >>> str(r)
        'Procurement Act 2023 s.51(2) (mandatory standstill)'
    """

    key: str
    citation: str
    title: str
    summary: str
    confirmed: bool = True

    def __str__(self) -> str:
        return f"{self.citation} ({self.title})"


PA = "Procurement Act 2023"
PCR = "Public Contracts Regulations 2015"
PSR = "Health Care Services (Provider Selection Regime) Regulations 2023"

_ALL = (
    Rule(
        "pa-s17-engagement",
        f"{PA} s.17",
        "preliminary market engagement notice",
        "If preliminary market engagement was carried out, publish a preliminary market "
        "engagement notice (UK2) before the tender notice, or give reasons in the tender notice. "
        "Not for private utilities (s.17(3)).",
    ),
    Rule(
        "pa-s15-planned",
        f"{PA} s.15",
        "planned procurement notice",
        "A planned procurement notice (UK3) qualifies when published at least 40 days and at "
        "most 12 months before the tender notice; it then allows a 10-day tendering period.",
    ),
    Rule(
        "pa-s83-conflicts",
        f"{PA} s.83",
        "conflicts assessment",
        "A conflicts assessment must be prepared before the tender notice (and, by s.83, before "
        "a transparency notice) is published.",
    ),
    Rule(
        "pa-s23-lots-per-supplier",
        f"{PA} s.23(4)",
        "lots per supplier",
        "In setting award criteria for tenders by reference to lots, an authority may limit the "
        "number of lots one supplier may be awarded (s.23(4)(a)), with an objective mechanism for "
        "choosing where a supplier would exceed it (s.23(4)(b)); an award over the limit is refused.",
    ),
    Rule(
        "pa-s21-tender",
        f"{PA} s.21",
        "tender notice",
        "An open or competitive flexible procedure begins with a tender notice (UK4).",
    ),
    Rule(
        "pa-s54-tendering-period",
        f"{PA} s.54",
        "minimum tendering period",
        "The tendering period, counted from the day after the invitation to the submission day, "
        "must not be shorter than the minimum that applies (the shortest of the applicable rows).",
    ),
    Rule(
        "pa-s54-participation-period",
        f"{PA} s.54",
        "minimum participation period",
        "The participation period must not be shorter than 25 days (10 in urgency; none for "
        "light touch contracts).",
    ),
    Rule(
        "pa-tender-notice-amendment",
        f"{PA} s.54 (amending a tender notice)",
        "tender notice amendment",
        "A tender notice may be amended while requests or tenders may still be submitted; an "
        "amended deadline must still respect the s.54 minimum counted from the original "
        "invitation, and fall after the day of the amendment. UNCONFIRMED: the reference does "
        "not cover modifying a procurement (PA s.31), so whether the Act asks for more time "
        "after a change is not checked.",
        confirmed=False,
    ),
    Rule(
        "pa-s87-below-threshold",
        f"{PA} s.87(6)",
        "below-threshold time limits",
        "Below threshold, time limits must be reasonable and the same for every supplier; the "
        "library only checks that a deadline is after the notice.",
    ),
    Rule(
        "pa-s41-direct-award",
        f"{PA} s.41 and Sch 5",
        "direct award justification",
        "A direct award needs a Schedule 5 justification; a user-choice contract (Sch 5 para 15) "
        "must be for light touch services (para 16(a)).",
    ),
    Rule(
        "pa-s43-switching",
        f"{PA} s.43",
        "switching to direct award",
        "A competitive procedure may switch to direct award only when it drew no suitable "
        "requests or tenders.",
    ),
    Rule(
        "pa-s44-transparency",
        f"{PA} s.44",
        "transparency notice",
        "A transparency notice (UK5) must be published before a direct award under s.41 or s.43, "
        "except for user-choice contracts (s.44(3)).",
    ),
    Rule(
        "pa-s50-award-notice",
        f"{PA} s.50",
        "contract award notice",
        "A contract award notice (UK6) must be published before entering into a public contract; "
        "for competitive awards, assessment summaries go to suppliers first (s.50(3)). Not for a "
        "user-choice contract (s.50(6)(b)) or a defence and security contract awarded under a "
        "defence and security framework (s.50(6)(a)).",
    ),
    Rule(
        "pa-s51-standstill",
        f"{PA} s.51(2)",
        "mandatory standstill",
        "The contract may not be entered into before the end of 8 working days beginning with "
        "the day the contract award notice is published.",
    ),
    Rule(
        "pa-s51-voluntary-standstill",
        f"{PA} s.51(4)-(5)",
        "voluntary standstill",
        "An exempt award may set a voluntary standstill of at least 8 working days; the contract "
        "may then not be entered into before it ends.",
    ),
    Rule(
        "pa-s52-kpis",
        f"{PA} s.52",
        "key performance indicators",
        "A public contract over £5m must set at least three KPIs unless it is a framework, a "
        "private-utility contract, a concession, a light touch contract, or KPIs would not be "
        "appropriate.",
    ),
    Rule(
        "pa-s53-contract-details",
        f"{PA} s.53(1)",
        "contract details notice",
        "Publish a contract details notice (UK7) within 30 days (120 for light touch) beginning "
        "with the day the contract is entered into. Not for private utilities (s.53(6)(a)) or "
        "user-choice contracts (s.53(6)(b)).",
    ),
    Rule(
        "pa-s53-contract-copy",
        f"{PA} s.53(3)",
        "contract copy",
        "For a contract over £5m, publish a copy of the contract within 90 days (180 for light "
        "touch) beginning with the day of entering into it. Not for devolved Welsh or transferred "
        "Northern Ireland contracts (s.53(4)), private utilities or user-choice contracts "
        "(s.53(6)).",
    ),
    Rule(
        "pa-s70-payments",
        f"{PA} s.70",
        "payments information",
        "Publish information about each payment of more than £30,000 made under a public "
        "contract before the end of 30 days beginning with the last day of the quarter in which "
        "it was made (s.70(1)-(2)). In force from 1 April 2026, not yet for procurements "
        "regulated by the Welsh Ministers (SI 2025/1316 reg 2(2)(b)). UNCONFIRMED: the notice "
        "code UK8 (PR24 reg 5(3) lists s.69(1) but not s.70).",
        confirmed=False,
    ),
    Rule(
        "pa-s71-performance",
        f"{PA} s.71(1)-(2) and PR24 reg 39",
        "contract performance",
        "Where KPIs were set under s.52(1) (a contract over £5m with no s.52 exemption; KPIs "
        "set voluntarily bring no duty), assess performance and publish the information (UK9) "
        "at least once in every period of 12 months, and on termination (s.71(1)-(2)). In force "
        "from 1 January 2026 (SI 2025/1316 reg 2(1)(b)); not for private utilities (s.71(7)).",
    ),
    Rule(
        "pa-s71-breach",
        f"{PA} s.71(3)-(5)",
        "contract performance notice on a breach or failure",
        "Publish a contract performance notice (UK9) before the end of 30 days beginning with "
        "the day s.71(5) first applies: the day a breach results in partial termination, an "
        "award of damages or a settlement (s.71(3); a full termination is reported in UK11), or "
        "the day the authority considers the supplier failed to improve after a proper "
        "opportunity (s.71(4)). In force from 1 January 2026 (SI 2025/1316 reg 2(1)(b)); not "
        "for light touch contracts (s.71(6)) or private utilities (s.71(7)).",
    ),
    Rule(
        "pa-s75-change",
        f"{PA} s.75",
        "contract change notice",
        "Publish a contract change notice (UK10) before modifying a contract, unless the change "
        "is small: s.75(2) joins the value limb (at most 10% for goods or services, 15% for "
        "works) and the term limb (at most 10%) with 'or'; the library reads it cautiously and "
        "requires both to hold before skipping the notice. Always for a Sch 8 para 9 transfer; "
        "related small changes count as one (s.75(4)-(5)). Not for defence and security, light "
        "touch, private-utility or transferred Northern Ireland contracts (s.75(6)). "
        "UNCONFIRMED: the notice code.",
        confirmed=False,
    ),
    Rule(
        "pa-s76-change-standstill",
        f"{PA} s.76",
        "voluntary standstill on modifications",
        "A contract change notice may set a voluntary standstill of at least 8 working days; the "
        "modification may not be made before it ends.",
    ),
    Rule(
        "pa-s80-termination",
        f"{PA} s.80",
        "contract termination notice",
        "Publish a contract termination notice (UK11) before the end of 30 days beginning with "
        "the day the contract ends (expiry and discharge included, s.80(3)). Not for private "
        "utilities or user-choice contracts (s.80(4)). UNCONFIRMED: the notice code.",
        confirmed=False,
    ),
    Rule(
        "pa-s55-procurement-termination",
        f"{PA} s.55",
        "procurement termination notice",
        "Publish a procurement termination notice (UK12) as soon as reasonably practicable after "
        "deciding not to award, once a tender or transparency notice was published. Not for "
        "private utilities (s.55(3)). UNCONFIRMED: the notice code.",
        confirmed=False,
    ),
    Rule(
        "pa-s85-suitability",
        f"{PA} s.85(1)",
        "no suitability assessment below threshold",
        "An authority inviting tenders for a regulated below-threshold contract may not restrict "
        "the submission of tenders by an assessment of suppliers' suitability (legal and "
        "financial capacity, technical ability: s.85(2)), except for a works contract of at least "
        "£138,760 (central government) or £213,477 (others) (s.85(3)), a devolved Welsh award "
        "(s.85(5)(a)-(b)) or a call-off under a framework (s.85(5)(c)).",
    ),
    Rule(
        "pa-s18-lots",
        f"{PA} s.18",
        "duty to consider lots",
        "Before publishing a tender notice for a public contract, the authority must consider "
        "whether what it buys could reasonably be supplied under more than one contract awarded "
        "by reference to lots; if so, it must award by lots or give its reasons for not doing so.",
    ),
    Rule(
        "pa-s87-below-threshold-notice",
        f"{PA} s.87(1), (4)",
        "below-threshold tender notice",
        "A notifiable below-threshold contract (a regulated one, s.84, of at least £12,000 for "
        "central government or £30,000 for others, VAT included, s.87(4)) may not be advertised "
        "without first publishing a below-threshold tender notice (s.87(1)), unless only "
        "particular or pre-selected suppliers are invited (s.87(2)). UNCONFIRMED: that the "
        "notice is coded UK4.",
        confirmed=False,
    ),
    Rule(
        "pa-s87-below-threshold-details",
        f"{PA} s.87(3)",
        "below-threshold contract details",
        "As soon as reasonably practicable after entering into a notifiable below-threshold "
        "contract, publish a contract details notice (UK7). The Act sets no day, so none is "
        "given. Concessions, utilities contracts, schools and transferred Northern Ireland "
        "procurements are outside Part 6 (s.84).",
    ),
    Rule(
        "pa-s39-dynamic-market",
        f"{PA} s.34-s.40",
        "dynamic market award",
        "Awards under a dynamic market go to its members; the minimum tendering period is 10 "
        "days; no mandatory standstill (s.51(3)).",
    ),
    Rule(
        "pa-s69-payments-compliance",
        f"{PA} s.69",
        "payments compliance notice",
        "Publish a payments compliance notice (UK17) before the end of 30 days beginning with the "
        "last day of each reporting period ending 31 March or 30 September (s.69(1), (3)); the "
        "first period runs from the day s.69 came into force: 1 January 2026, or 1 April 2026 "
        "for procurements regulated by the Welsh Ministers (SI 2025/1316 reg 2). Not for "
        "transferred Northern Ireland authorities, private utilities, schools' contracts or "
        "concessions (s.69(6)). UNCONFIRMED: the notice code.",
        confirmed=False,
    ),
    Rule(
        "pa-s93-pipeline",
        f"{PA} s.93",
        "pipeline notice",
        "An authority expecting to spend more than £100m in the coming financial year publishes "
        "a pipeline notice (UK1) within 56 days beginning with 1 April (the first financial year "
        "begins 1 April 2025). Not for private utilities or transferred Northern Ireland "
        "authorities (s.93(6)).",
    ),
    Rule(
        "pa-s39-dynamic-market-notices",
        f"{PA} s.39",
        "dynamic market notices",
        "Publish a dynamic market notice of intention (UK13) before establishing a dynamic "
        "market, and establishment (UK14), modification (UK15) and cessation (UK16) notices as "
        "soon as reasonably practicable after. UNCONFIRMED: the notice codes.",
        confirmed=False,
    ),
    Rule(
        "pa-s46-call-off",
        f"{PA} s.45-s.49",
        "framework call-off",
        "Call-offs are by competitive selection unless single supplier or by an objective "
        "mechanism; no mandatory standstill (s.51(3)).",
    ),
    Rule(
        "pcr-reg27-open",
        f"{PCR} reg 27",
        "open procedure time limit",
        "At least 35 days for tenders (reg 27(2)), 30 with electronic tenders (reg 27(6)), 15 "
        "with a prior information notice sent 35 days to 12 months earlier (reg 27(4)) or in "
        "urgency (reg 27(5)); a period runs to the end of its last day (reg 2).",
    ),
    Rule(
        "pcr-reg28-restricted",
        f"{PCR} regs 28-31",
        "two-stage time limits",
        "Restricted: 30 days to request to participate (reg 28(2); 15 in urgency), 30 to tender "
        "(reg 28(5); 25 electronic, 10 with a prior information notice or in urgency); a "
        "sub-central authority may agree the tendering period with all selected candidates, "
        "otherwise at least 10 days (reg 28(7)-(8)). The same 30-day request period applies to "
        "the competitive procedure with negotiation (reg 29(4)), competitive dialogue (reg "
        "30(2)) and innovation partnership (reg 31(5)).",
    ),
    Rule(
        "pcr-reg32-negotiated",
        f"{PCR} reg 32",
        "negotiated procedure without prior publication",
        "Only on the limited grounds of reg 32, which must be recorded.",
    ),
    Rule(
        "pcr-reg87-standstill",
        f"{PCR} reg 87",
        "standstill",
        "The contract may not be entered into before midnight at the end of the 10th day after "
        "the award decision notices were sent electronically (reg 87(2)); sent by other means, "
        "the earlier of the 15th day after sending and the 10th after the last receipt (reg "
        "87(3)); mixed sending, the later of the two (reg 87(5)).",
    ),
    Rule(
        "pcr-reg50-award-notice",
        f"{PCR} reg 50",
        "contract award notice",
        "Send a contract award notice within 30 days after the award.",
    ),
    Rule(
        "psr-reg12-standstill",
        f"{PSR} reg 12",
        "standstill",
        "After the notice of intention is published, the standstill begins the next day and, "
        "without representations, ends at the end of the 8th working day after it began.",
    ),
    Rule(
        "psr-notices",
        f"{PSR} regs 7-11",
        "PSR notices",
        "Publish the notice of the award within 30 days. UNCONFIRMED: the reference gives only "
        "'notices within 30 days'; which notice each process needs follows the PSR "
        "statutory guidance and should be checked.",
        confirmed=False,
    ),
)

#: Rules of the contract's life, modifications, frameworks, dynamic markets and the PSR steps.
_LIFE = (
    Rule(
        "pa-s71-breach-termination",
        f"{PA} s.71(5); PR24 regs 39(9), 41(2)(h)",
        "a breach that ends the contract",
        "Where a breach results in the termination of the whole contract, the s.71(5) "
        "information goes in the contract termination notice (UK11), within 30 days beginning "
        "with the day of the termination, not in a contract performance notice.",
    ),
    Rule(
        "pa-s74-modification",
        f"{PA} s.74 and Sch 8",
        "modifying a public contract",
        "A modification must be a permitted modification under Schedule 8 (with its limits: "
        "paras 4, 5 and 8 cap the increase at 50% except for utilities contracts), not a "
        "substantial modification (s.74(3)), or a below-threshold modification (s.74(4)); a "
        "light touch contract may be modified (s.74(2)); only Sch 8 para 9 may change the "
        "supplier (s.74(9)); related modifications are judged together (s.74(7)-(8)).",
    ),
    Rule(
        "pa-s77-modification-copy",
        f"{PA} s.77",
        "publication of modifications",
        "After a qualifying modification (one needing a contract change notice, of a contract "
        "worth more than £5m), publish a copy of the contract as modified, or of the "
        "modification, before the end of 90 days beginning with the day it was made.",
    ),
    Rule(
        "pa-s47-framework-term",
        f"{PA} s.47",
        "maximum term of a framework",
        "A framework's term may not exceed 4 years, or 8 for a defence and security framework "
        "or a utilities framework, unless the nature of what is supplied requires longer and "
        "the reasons are set out in the tender or transparency notice; not for open "
        "frameworks, private utilities or light touch frameworks (s.47(5)).",
    ),
    Rule(
        "pa-s49-open-framework",
        f"{PA} s.49",
        "open frameworks",
        "An open framework awards a framework at least once in the 3 years beginning with the "
        "first award and in each 5 years beginning with the second; the last expires at the end "
        "of 8 years beginning with the first award; one awarded to a single supplier expires "
        "within 4 years; none may be awarded directly (s.49(10)).",
    ),
    Rule(
        "pa-s50-6-defence-call-off",
        f"{PA} s.50(6)(a)",
        "defence call-off without a contract award notice",
        "No contract award notice is needed for a defence and security contract awarded under "
        "a defence and security framework.",
    ),
    Rule(
        "pa-s34-dynamic-market-award",
        f"{PA} s.34, s.21(1), s.40, s.83(1)",
        "competitive award under a dynamic market",
        "An award by reference to dynamic market membership is a competitive award (s.19) by a "
        "competitive flexible procedure: a tender notice (s.21(1)), or for a qualifying utilities "
        "dynamic market a tender notice given to members (s.40), with a conflicts assessment "
        "before it (s.83(1)).",
    ),
    Rule(
        "pa-s83-2-dynamic-market",
        f"{PA} s.83(2)",
        "conflicts assessment before a dynamic market",
        "A conflicts assessment must be prepared before the dynamic market notice about "
        "establishing a dynamic market (UK13) is published.",
    ),
    Rule(
        "psr-reg10-most-suitable-provider",
        f"{PSR} reg 10(2)-(5)",
        "most suitable provider: step 1 notice",
        "The most suitable provider process begins with a notice of intention to follow it "
        "(step 1); potential providers (step 2) may not be identified before the day 14 days "
        "after the day that notice was submitted.",
    ),
    Rule(
        "psr-reg11-8-inform-providers",
        f"{PSR} reg 11(8)-(9)",
        "competitive process: providers told first",
        "In the competitive process, the successful and unsuccessful providers are told in "
        "writing (step 5) before the notice of intention to award is published (step 6).",
    ),
    Rule(
        "psr-reg12-representations",
        f"{PSR} reg 12(3)-(10)",
        "representations in the standstill",
        "Written representations may be made before midnight at the end of the 8th working day "
        "after the standstill begins; the authority then decides again, tells providers, and the "
        "standstill ends only once at least 5 working days have passed since it told them of its "
        "last decision.",
    ),
)

RULES: MappingProxyType[str, Rule] = MappingProxyType({r.key: r for r in (*_ALL, *_LIFE)})


def rule(key: str) -> Rule:
    """The rule called ``key``; an unknown key raises [`InvalidInput`][commissioning.InvalidInput].

    Examples:
        >>> rule("pa-s53-contract-details").summary[:40]
        'Publish a contract details notice (UK7) '
    """
    try:
        return RULES[key]
    except (KeyError, TypeError):
        raise InvalidInput.of("key", f"a rule key ({', '.join(RULES)})", key) from None
