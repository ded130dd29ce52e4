import { describeGeneralization, floorsMatchDomains } from "./generalization";

// part 1 of the evaluation over every domain (see `describeGeneralization`)
describeGeneralization(1, 3);
floorsMatchDomains();
