import { Integrity } from "../../../bot/feedback/integrity";

describe("Integrity", () => {
  const integrity = new Integrity("a-long-enough-installation-secret");

  it("pseudonymises ids with a salted one-way hash", () => {
    const hash = integrity.pseudonym("user:emulator:ayşe");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain("ayşe");
    expect(integrity.pseudonym("user:emulator:ayşe")).toBe(hash);
    expect(integrity.pseudonym("user:emulator:ayse")).not.toBe(hash);
    expect(new Integrity("another-long-installation-secret").pseudonym("user:emulator:ayşe")).not.toBe(hash);
  });

  it("verifies its own signatures and refuses any change", () => {
    const sig = integrity.sign("answer-1", "crm", "conv");
    expect(integrity.verify(sig, "answer-1", "crm", "conv")).toBe(true);
    expect(integrity.verify(sig, "answer-2", "crm", "conv")).toBe(false);
    expect(integrity.verify(sig, "answer-1", "iso-10002", "conv")).toBe(false);
    expect(integrity.verify(sig, "answer-1", "crm", "other-conv")).toBe(false);
    expect(integrity.verify("", "answer-1", "crm", "conv")).toBe(false);
    expect(integrity.verify(`${sig}x`, "answer-1", "crm", "conv")).toBe(false);
  });

  it("signs a survey question for its survey, step and conversation", () => {
    const sig = integrity.signSurvey("survey-1", "nps", "conv");
    expect(integrity.verifySurvey(sig, "survey-1", "nps", "conv")).toBe(true);
    expect(integrity.verifySurvey(sig, "survey-2", "nps", "conv")).toBe(false);
    expect(integrity.verifySurvey(sig, "survey-1", "ces", "conv")).toBe(false);
    expect(integrity.verifySurvey(sig, "survey-1", "nps", "other-conv")).toBe(false);
    // not a rating's or a choice's signature, whatever the made-up answer or question id
    for (const id of ["survey-1", "survey:survey-1", "choice:survey-1"]) {
      expect(integrity.verify(sig, id, "nps", "conv")).toBe(false);
      expect(integrity.verifyChoice(sig, id, "nps", "conv")).toBe(false);
    }
  });

  it("signs a 'did you mean' choice for its question, entry and conversation, never as a rating", () => {
    const sig = integrity.signChoice("question-1", "crm", "conv");
    expect(integrity.verifyChoice(sig, "question-1", "crm", "conv")).toBe(true);
    expect(integrity.verifyChoice(sig, "question-2", "crm", "conv")).toBe(false);
    expect(integrity.verifyChoice(sig, "question-1", "iso-10002", "conv")).toBe(false);
    expect(integrity.verifyChoice(sig, "question-1", "crm", "other-conv")).toBe(false);
    // a choice's signature rates nothing, whatever the made-up answer id, and a rating's is no choice's
    for (const answerId of ["question-1", "choice:question-1"]) expect(integrity.verify(sig, answerId, "crm", "conv")).toBe(false);
    expect(integrity.verifyChoice(integrity.sign("choice:question-1", "crm", "conv"), "question-1", "crm", "conv")).toBe(false);
    expect(integrity.verifyChoice(integrity.sign("question-1", "crm", "conv"), "question-1", "crm", "conv")).toBe(false);
    expect(integrity.verifySurvey(integrity.signChoice("survey-1", "nps", "conv"), "survey-1", "nps", "conv")).toBe(false);
  });

  it("signs a case button for its offer, step and conversation, never as a rating, a choice or a survey answer", () => {
    const sig = integrity.signCase("offer-1", "accept", "conv");
    expect(integrity.verifyCase(sig, "offer-1", "accept", "conv")).toBe(true);
    expect(integrity.verifyCase(sig, "offer-2", "accept", "conv")).toBe(false);
    expect(integrity.verifyCase(sig, "offer-1", "decline", "conv")).toBe(false);
    expect(integrity.verifyCase(sig, "offer-1", "accept", "other-conv")).toBe(false);
    // with the ratings' key it had been a rating of the made-up entry `case:accept` under the offer's id
    expect(integrity.verify(sig, "offer-1", "case:accept", "conv")).toBe(false);
    expect(integrity.verifyChoice(sig, "offer-1", "case:accept", "conv")).toBe(false);
    expect(integrity.verifyCase(integrity.sign("offer-1", "case:accept", "conv"), "offer-1", "accept", "conv")).toBe(false);
  });

  it("refuses a short secret", () => {
    expect(() => new Integrity("short")).toThrow(/\[feedback\]/);
  });
});
