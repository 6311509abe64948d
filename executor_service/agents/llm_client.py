"""A minimal client for any OpenAI-compatible chat completions endpoint (stdlib HTTP, run off the event loop)."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


class LLMUnavailable(Exception):
    """The endpoint could not be reached or answered with an error; the message never holds the API key."""


@dataclass(frozen=True)
class ChatReply:
    """The assistant's text and the token counts the endpoint reported."""

    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class UsageCounter:
    """Requests and tokens spent, for the whole process (metrics) — per-block counts live in AgentResult."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class ChatClient:
    """POST {base_url}/chat/completions with a JSON-object reply format; one request per call."""

    def __init__(self, base_url: str, model: str, api_key: str = "", *, timeout_s: float = 60.0) -> None:
        if not base_url or not model:
            raise ValueError("the LLM agent needs ROTE_LLM_BASE_URL and ROTE_LLM_MODEL")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self._api_key = api_key
        self._timeout = timeout_s
        self.usage = UsageCounter()

    def __repr__(self) -> str:
        return f"ChatClient(url={self.url!r}, model={self.model!r})"

    async def complete(self, messages: list[dict[str, str]]) -> ChatReply:
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        raw = await asyncio.to_thread(self._post, json.dumps(body).encode())
        try:
            data = json.loads(raw)
            content = data["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMUnavailable(f"the LLM endpoint answered something that is not a chat completion: {exc}") from exc
        usage = data.get("usage") or {}
        reply = ChatReply(str(content), int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0)))
        self.usage.requests += 1
        self.usage.prompt_tokens += reply.prompt_tokens
        self.usage.completion_tokens += reply.completion_tokens
        return reply

    def _post(self, payload: bytes) -> bytes:
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310 - configured URL
                return response.read()
        except urllib.error.HTTPError as exc:
            raise LLMUnavailable(f"the LLM endpoint answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise LLMUnavailable(f"the LLM endpoint {self.url} cannot be reached: {exc}") from None


def parse_json_reply(content: str) -> dict[str, Any]:
    """The JSON object in a reply (tolerating a ```json fence around it)."""
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`")
        text = text[4:] if text.lower().startswith("json") else text
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise ValueError("the reply holds no JSON object")
    value = json.loads(text[start : end + 1])
    if not isinstance(value, dict):
        raise ValueError("the reply is not a JSON object")
    return value
