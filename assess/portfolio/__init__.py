"""The portfolio: many subjects' latest rounds, from the history alone, as one picture.

`build` reads the recorded snapshots (never an answer file) and, with pandas, works out
each subject's standing against its own targets, the spread of every pillar and benefit
across subjects, group roll-ups, movers since the previous round (like for like across
bank versions), and the practices most often in subjects' Now phase. `next_round` writes
the next round file of a subject from its last record.

May import: `assess.base`, `assess.bank`, `assess.answers`, `assess.rounds`,
`assess.scoring`, `assess.history`; pandas inside `build`.
"""
