"""Consumer lag read from the real RabbitMQ: what a worker's queues hold, and who drains them."""

from __future__ import annotations

import uuid

import kombu

from govdata.runtime import metrics
from govdata.runtime.amqp import amqp_params
from govdata.runtime.queue_depth import QueueDepthMonitor, measure


def test_waiting_messages_and_consumers_are_counted_and_missing_queues_left_out(
    settings,
) -> None:
    name = f"test-depth-{uuid.uuid4().hex[:8]}"
    missing = f"test-depth-missing-{uuid.uuid4().hex[:8]}"
    with kombu.Connection(settings.amqp_uri) as connection:
        queue = kombu.Queue(name, auto_delete=False, durable=False)
        queue(connection.default_channel).declare()
        try:
            producer = connection.Producer()
            for i in range(3):
                producer.publish({"n": i}, routing_key=name, serializer="json")
            # the missing queue first: the channel the broker closes on it must be replaced
            assert measure(connection, [missing, name]) == {name: (3, 0)}

            draining = connection.channel()
            kombu.Consumer(draining, [queue], callbacks=[lambda body, message: None]).consume()
            assert measure(connection, [name])[name][1] == 1
            draining.close()  # its unacknowledged deliveries go back to the queue

            monitor = QueueDepthMonitor(amqp_params(settings), lambda: [name, missing])
            monitor.measure_once()
            assert metrics.QUEUE_MESSAGES.labels(name)._value.get() == 3
            assert metrics.QUEUE_CONSUMERS.labels(name)._value.get() == 0
            assert (missing,) not in metrics.QUEUE_MESSAGES._metrics

            queue(connection.default_channel).delete()  # gone from the broker: series gone
            monitor.measure_once()
            assert (name,) not in metrics.QUEUE_MESSAGES._metrics
            assert (name,) not in metrics.QUEUE_CONSUMERS._metrics
        finally:
            queue(connection.default_channel).delete()
