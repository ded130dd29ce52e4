import { ChatUserTokens, DIRECT_LINE_TUNING, DirectLineTokens } from "../../bot/web/direct-line";

describe("DirectLineTokens", () => {
  let now = new Date("2026-11-23T12:00:00Z");
  const tokens = new DirectLineTokens("a-long-installation-secret-for-tests", () => now);

  it("issues tokens that name their conversation and user, and expire", () => {
    const { token, expiresIn } = tokens.issue("conv-1", "dl_user");
    expect(expiresIn).toBe(DIRECT_LINE_TUNING.TOKEN_TTL_SECONDS);
    expect(tokens.verify(token)).toMatchObject({ c: "conv-1", u: "dl_user" });
    now = new Date(now.getTime() + (DIRECT_LINE_TUNING.TOKEN_TTL_SECONDS + 1) * 1000);
    expect(tokens.verify(token)).toBeNull();
  });

  it("refuses tampered, foreign and malformed tokens", () => {
    const { token } = tokens.issue("conv-1", "dl_user");
    const [body, signature] = token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ c: "conv-2", u: "dl_user", exp: 9_999_999_999 })).toString("base64url");
    expect(tokens.verify(`${forgedBody}.${signature}`)).toBeNull();
    expect(tokens.verify(`${body}.${signature}x`)).toBeNull();
    expect(new DirectLineTokens("another-long-installation-secret", () => now).verify(token)).toBeNull();
    for (const bad of ["", ".", "a.b.c", "not-a-token"]) expect(tokens.verify(bad)).toBeNull();
  });
});

describe("ChatUserTokens", () => {
  let now = new Date("2026-11-23T12:00:00Z");
  const secret = "a-long-installation-secret-for-tests";
  const users = new ChatUserTokens(secret, () => now);

  it("names the user it was issued for until it expires", () => {
    const token = users.issue("dl_AbCdEfGh1234");
    expect(users.verify(token)).toBe("dl_AbCdEfGh1234");
    now = new Date(now.getTime() + (DIRECT_LINE_TUNING.USER_TOKEN_TTL_SECONDS - 1) * 1000);
    expect(users.verify(token)).toBe("dl_AbCdEfGh1234");
    now = new Date(now.getTime() + 2000);
    expect(users.verify(token)).toBeNull();
  });

  it("refuses tampered tokens, another installation's, a Direct Line token, and ids it never mints", () => {
    const token = users.issue("dl_AbCdEfGh1234");
    const [, signature] = token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ u: "dl_ZZZZZZZZZZZZ", exp: 9_999_999_999 })).toString("base64url");
    expect(users.verify(`${forgedBody}.${signature ?? ""}`)).toBeNull();
    expect(new ChatUserTokens("another-long-installation-secret", () => now).verify(token)).toBeNull();
    // signed with the same secret for another purpose: a conversation's token is not a user token
    const directLine = new DirectLineTokens(secret, () => now).issue("conv-1", "dl_AbCdEfGh1234").token;
    expect(users.verify(directLine)).toBeNull();
    expect(users.verify(users.issue("someone-else"))).toBeNull();
    for (const bad of ["", ".", "a.b.c", "not-a-token"]) expect(users.verify(bad)).toBeNull();
  });
});
