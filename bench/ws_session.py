"""A Streamlit session without a browser: Streamlit's own websocket protocol (``/_stcore/stream``, protobuf
``BackMsg`` / ``ForwardMsg``), spoken with the ``websockets`` client (which Streamlit's server brings along).

It asks for a script run of one page with a query string, as a browser does when it opens or reruns that page,
and waits for the end of the run: so what it times is the server's work for a run (plus loopback), with no
drawing. Used for the results page's server-side rerun and for the memory of a server holding many sessions.
"""

from __future__ import annotations

import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect


class Session:
    def __init__(self, url: str) -> None:
        self.ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.conn: ClientConnection | None = None
        self.exceptions = 0

    async def open(self) -> None:
        self.conn = await connect(self.ws_url, max_size=64 * 1024 * 1024, open_timeout=60)

    async def run(self, page_name: str, query_string: str) -> float:
        """One script run of ``page_name`` (its URL path) with ``query_string``; seconds until it finished."""
        assert self.conn is not None, "open() first"
        back = BackMsg()
        back.rerun_script.page_name = page_name
        back.rerun_script.query_string = query_string
        start = time.perf_counter()
        await self.conn.send(back.SerializeToString())
        while True:
            raw = await self.conn.recv()
            if isinstance(raw, str):
                continue
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                self.exceptions += 1
            if kind == "script_finished":
                if message.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                    continue
                return time.perf_counter() - start

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()
            self.conn = None
