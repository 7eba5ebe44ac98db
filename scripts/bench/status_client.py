"""A Python consumer of WorkloadStatusStream for erutop-bench: grpcio for the transport, the
official protobuf package (upb) for decoding. It subscribes, prints "subscribed", then
counts decoded messages until none came for IDLE seconds (or LIMIT seconds passed) and
prints one JSON line: {"count": N, "first": T, "last": T} with monotonic times in seconds.

usage: python status_client.py HOST:PORT IDLE LIMIT   (eru_pb2 must be importable)
"""
import json
import sys
import threading
import time

import grpc

import eru_pb2


def main():
    address, idle, limit = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    channel = grpc.insecure_channel(address)
    subscribe = channel.unary_stream(
        "/pb.CoreRPC/WorkloadStatusStream",
        request_serializer=eru_pb2.WorkloadStatusStreamOptions.SerializeToString,
        response_deserializer=eru_pb2.WorkloadStatusStreamMessage.FromString,
    )
    call = subscribe(eru_pb2.WorkloadStatusStreamOptions())
    state = {"count": 0, "first": None, "last": None}
    started = time.monotonic()

    def watch():
        # Ends the call once the stream has gone quiet, or at the time limit.
        while True:
            time.sleep(0.1)
            now = time.monotonic()
            last = state["last"]
            if now - started > limit or (last is not None and now - last > idle):
                call.cancel()
                return

    threading.Thread(target=watch, daemon=True).start()
    grpc.channel_ready_future(channel).result(timeout=10)
    print("subscribed", flush=True)
    try:
        for message in call:
            # Touch a nested field so the message is really read, not just framed.
            if message.status.running or message.workload.id:
                pass
            now = time.monotonic()
            if state["first"] is None:
                state["first"] = now
            state["last"] = now
            state["count"] += 1
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.CANCELLED:
            raise
    print(json.dumps(state), flush=True)
    channel.close()


if __name__ == "__main__":
    main()
