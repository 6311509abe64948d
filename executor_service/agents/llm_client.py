"""The chat client of the LLM agent: any OpenAI-compatible endpoint through the ``openai`` package's AsyncOpenAI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import openai

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

# Endpoints without keys (a local model server) still get a bearer value: the package insists on one.
_NO_KEY = "no-key"


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
    """POST {base_url}/chat/completions with a JSON-object reply format; exactly one request per call (no
    retries: a failed request is the agent's to report, and every request is counted)."""

    def __init__(self, base_url: str, model: str, api_key: str = "", *, timeout_s: float = 60.0) -> None:
        if not base_url or not model:
            raise ValueError("the LLM agent needs ROTE_LLM_BASE_URL and ROTE_LLM_MODEL")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self._client = openai.AsyncOpenAI(
            base_url=base_url.rstrip("/"), api_key=api_key or _NO_KEY, timeout=timeout_s, max_retries=0
        )
        self.usage = UsageCounter()

    def __repr__(self) -> str:
        return f"ChatClient(url={self.url!r}, model={self.model!r})"

    async def complete(self, messages: list[dict[str, str]]) -> ChatReply:
        try:
            completion = await self._client.chat.completions.create(
                model=self.model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                temperature=0,
                response_format={"type": "json_object"},
            )
        except openai.APIStatusError as exc:
            raise LLMUnavailable(f"the LLM endpoint answered HTTP {exc.status_code}") from None
        except openai.APIConnectionError as exc:
            raise LLMUnavailable(f"the LLM endpoint {self.url} cannot be reached: {type(exc).__name__}") from None
        except openai.OpenAIError as exc:
            raise LLMUnavailable(f"the LLM endpoint answered something that is not a chat completion: "
                                 f"{type(exc).__name__}") from None
        try:
            content = completion.choices[0].message.content or ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise LLMUnavailable(f"the LLM endpoint answered something that is not a chat completion: {exc}") from None
        usage = completion.usage
        reply = ChatReply(
            str(content),
            int(usage.prompt_tokens or 0) if usage else 0,
            int(usage.completion_tokens or 0) if usage else 0,
        )
        self.usage.requests += 1
        self.usage.prompt_tokens += reply.prompt_tokens
        self.usage.completion_tokens += reply.completion_tokens
        return reply

    async def close(self) -> None:
        await self._client.close()


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
