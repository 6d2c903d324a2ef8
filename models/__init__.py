"""claimwire's SQLAlchemy schema. Knows nothing of spaCy; migrations live in ``migrations/``."""

from models.article import Article, Paragraph, Sentence, Source
from models.base import Base
from models.claim import Claim, Quote
from models.entity import Entity, EntityAlias
from models.event import Comparison, ComparisonFigure, Event, EventArticle
from models.mention import Mention, Quantity, TimeExpression
from models.run import ArticleBand, ArticleSighting, Run

__all__ = [
    "Article",
    "ArticleBand",
    "ArticleSighting",
    "Base",
    "Claim",
    "Comparison",
    "ComparisonFigure",
    "Entity",
    "EntityAlias",
    "Event",
    "EventArticle",
    "Mention",
    "Paragraph",
    "Quantity",
    "Quote",
    "Run",
    "Sentence",
    "Source",
    "TimeExpression",
]
