"""The contract's pydantic models, one module per `contracts/<resource>.py`, imported on first use.

`contracts/<resource>.py` declares the operation table, its enums and constants without pydantic, and
names these models lazily (`contracts.op.ModelRef`, and a module `__getattr__` for `contracts.<resource>.
<Model>`), so that the simulator builds its routes and starts serving without importing pydantic
(issue 11: start-up time). `contracts/base.py` holds the model bases they share.
"""
