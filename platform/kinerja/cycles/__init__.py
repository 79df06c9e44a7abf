"""The annual performance cycle: the agency's rule set (predikat matrix, distribution
patterns, score weights), cycles with their periods, and the cycle's state machine.

Border with skp/: cycles/ owns the cycle and its periods. Everything that belongs to one
employee's SKP document (the SKP itself, its targets, indicators, workflow, realisations,
evidence and feedback) lives in skp/, which depends on cycles/ and never the other way round.
Launching a cycle creates the SKP drafts from models (`Skp`) and its own query
(`CycleRepository.employees_without_skp`), so cycles/ does not import skp/.
"""
