import { TEXTS } from "../../bot/conversation/texts";

/** The channel names of the dashboard's "Kanallara göre" table and the cases page. */
describe("channel names as operators see them", () => {
  const names = TEXTS.dashboard.channelNames;

  it("call both web chats 'Web sohbeti', told apart by where the page lives, never the English 'Web Chat' beside it", () => {
    expect(names.webchat).toBe("Web sohbeti (Azure'da barındırılan)");
    expect(names.directline).toBe("Web sohbeti (sohbet sayfası, Direct Line)");
    expect(Object.values(names).filter((name) => /Web Chat/i.test(name))).toEqual([]);
  });

  it("name every channel once, so two channels never share a row's label", () => {
    const labels = Object.values(names);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
