"""OCDS 1.1.5 in and out: export a procurement's history, validate it, import releases.

The converters at the edge of the library: [`to_releases`][commissioning.ocds.to_releases] turns a
[`Procurement`][commissioning.procurement.Procurement] into OCDS releases (one per
notice, UK notice code in ``documents[].noticeType``, VAT-inclusive
``amountGross``), [`release_package`][commissioning.ocds.release_package], [`compile_record`][commissioning.ocds.compile_record] and
[`record_package`][commissioning.ocds.record_package] wrap them, [`validate_package`][commissioning.ocds.validate_package] checks them against
the vendored official schema (with ``jsonschema``), and [`from_releases`][commissioning.ocds.from_releases]
rebuilds a procurement from releases, saying what it could not map.
[`read_published`][commissioning.ocds.read_published] reads what any UK portal published (any regime) into a
typed read model, nothing dropped silently, and [`audit_published`][commissioning.ocds.audit_published] checks
its dates against the statutory rules they allow checking.

Examples:
    >>> import datetime as dt, pendulum
    >>> from commissioning.procurement import Procurement, ProcurementFacts
    >>> from commissioning.thresholds import AuthorityType, ContractType
    >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
    ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
    ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
    >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")[0].act(
    ...     "assess_conflicts", at=t, actor="ann")
    >>> p, _ = p.publish("UK4", at=t, actor="ann", content={"tender_deadline": "2026-04-02"})
    >>> package = release_package(to_releases(p, prefix="ocds-abc123"), uri="https://example.com/p.json",
    ...                           publisher="Anytown Council", published_at=t)
    >>> validate_package(package)
    ()
"""

from ._audit import ComplianceAudit, ComplianceCheck, ComplianceFinding, audit_published
from ._bulk import (
    ExtraUnavailable,
    audit_rows,
    iter_published,
    iter_releases,
    published_rows,
    to_dask_frame,
)
from ._demo import demo_competitive_procurement, demo_procurement
from ._export import (
    UK_EXTENSION_URL,
    compile_record,
    ocid_for,
    record_package,
    release_package,
    to_releases,
)
from ._import import ImportResult, Unmapped, from_releases
from ._published import (
    PORTALS,
    OrganisationRef,
    Publication,
    PublishedAmendment,
    PublishedAward,
    PublishedContract,
    PublishedDocument,
    PublishedEvent,
    PublishedLot,
    PublishedNotice,
    PublishedParty,
    PublishedPeriod,
    PublishedProcurement,
    PublishedRegime,
    PublishedValue,
    RelatedProcess,
    UnmodelledField,
)
from ._read import read_published
from ._regime import published_regime
from ._validate import SchemaUnavailable, release_schema, validate_package

__all__ = [
    "PORTALS",
    "UK_EXTENSION_URL",
    "ComplianceAudit",
    "ComplianceCheck",
    "ComplianceFinding",
    "ExtraUnavailable",
    "ImportResult",
    "OrganisationRef",
    "Publication",
    "PublishedAmendment",
    "PublishedAward",
    "PublishedContract",
    "PublishedDocument",
    "PublishedEvent",
    "PublishedLot",
    "PublishedNotice",
    "PublishedParty",
    "PublishedPeriod",
    "PublishedProcurement",
    "PublishedRegime",
    "PublishedValue",
    "RelatedProcess",
    "SchemaUnavailable",
    "Unmapped",
    "UnmodelledField",
    "audit_published",
    "audit_rows",
    "compile_record",
    "demo_competitive_procurement",
    "demo_procurement",
    "from_releases",
    "iter_published",
    "iter_releases",
    "ocid_for",
    "published_regime",
    "published_rows",
    "read_published",
    "record_package",
    "release_package",
    "release_schema",
    "to_dask_frame",
    "to_releases",
    "validate_package",
]
