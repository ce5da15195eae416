"""Webhook deliveries (KB-WH; the assumed wire form is contracts/webhook_deliveries.py).

`callbacks`: which hosts a callback may name; `events`: what a committed write fires; `delivery`: the
background sender, its retries on the simulator's clock and the record of every attempt.
"""
