"""claimwire's SQLAlchemy schema. Knows nothing of spaCy; migrations live in ``migrations/``."""

from models.article import Article, Paragraph, Sentence, Source
from models.base import Base
from models.claim import Claim, Quote
from models.entity import Entity, EntityAlias
from models.mention import Mention, Quantity, TimeExpression
from models.run import ArticleBand, ArticleSighting, Run

__all__ = [
    "Article",
    "ArticleBand",
    "ArticleSighting",
    "Base",
    "Claim",
    "Entity",
    "EntityAlias",
    "Mention",
    "Paragraph",
    "Quantity",
    "Quote",
    "Run",
    "Sentence",
    "Source",
    "TimeExpression",
]
