"""Events (articles on the same story) and comparisons of the figures they report.

Revision ID: 8c4f2a6e9d13
Revises: 5b2e9c1d7a40
Create Date: 2026-11-29 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '8c4f2a6e9d13'
down_revision: str | None = '5b2e9c1d7a40'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('first_published', sa.Date(), nullable=True),
    sa.Column('last_published', sa.Date(), nullable=True),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['entities.id'], name=op.f('fk_events__place_id__entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events__first_published', ['first_published'], unique=False)

    op.create_table('event_articles',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Double(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_event_articles__article_id__articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_articles__event_id__events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_articles')),
    sa.UniqueConstraint('article_id', name=op.f('uq_event_articles__article_id'))
    )
    with op.batch_alter_table('event_articles', schema=None) as batch_op:
        batch_op.create_index('ix_event_articles__event_id', ['event_id'], unique=False)

    op.create_table('comparisons',
    sa.Column('key', sa.String(length=500), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('metric', sa.String(length=60), nullable=False),
    sa.Column('subject_key', sa.String(length=300), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('unit', sa.String(length=60), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('verdict', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Double(), nullable=True),
    sa.Column('low', sa.Double(), nullable=True),
    sa.Column('high', sa.Double(), nullable=True),
    sa.Column('gap', sa.Double(), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.Column('figures', sa.Integer(), nullable=False),
    sa.Column('first_published', sa.Date(), nullable=True),
    sa.Column('last_published', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint("verdict IN ('agree', 'disagree', 'update', 'unclear')", name=op.f('ck_comparisons__verdict')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_comparisons__event_id__events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['entities.id'], name=op.f('fk_comparisons__place_id__entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comparisons')),
    sa.UniqueConstraint('key', name=op.f('uq_comparisons__key'))
    )
    with op.batch_alter_table('comparisons', schema=None) as batch_op:
        batch_op.create_index('ix_comparisons__event_id', ['event_id'], unique=False)
        batch_op.create_index('ix_comparisons__metric_verdict', ['metric', 'verdict'], unique=False)

    op.create_table('comparison_figures',
    sa.Column('comparison_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('sentence_id', sa.Integer(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('outlets', sa.Text(), nullable=True),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('value', sa.Double(), nullable=True),
    sa.Column('low', sa.Double(), nullable=True),
    sa.Column('high', sa.Double(), nullable=True),
    sa.Column('change', sa.String(length=4), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_comparison_figures__article_id__articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_comparison_figures__claim_id__claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['comparison_id'], ['comparisons.id'], name=op.f('fk_comparison_figures__comparison_id__comparisons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_comparison_figures__sentence_id__sentences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_comparison_figures__source_id__sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comparison_figures'))
    )
    with op.batch_alter_table('comparison_figures', schema=None) as batch_op:
        batch_op.create_index('ix_comparison_figures__comparison_id', ['comparison_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('comparison_figures', schema=None) as batch_op:
        batch_op.drop_index('ix_comparison_figures__comparison_id')
    op.drop_table('comparison_figures')
    with op.batch_alter_table('comparisons', schema=None) as batch_op:
        batch_op.drop_index('ix_comparisons__metric_verdict')
        batch_op.drop_index('ix_comparisons__event_id')
    op.drop_table('comparisons')
    with op.batch_alter_table('event_articles', schema=None) as batch_op:
        batch_op.drop_index('ix_event_articles__event_id')
    op.drop_table('event_articles')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events__first_published')
    op.drop_table('events')
