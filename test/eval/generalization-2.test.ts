import { describeGeneralization } from "./generalization";

// part 2 of the evaluation over every domain (see `describeGeneralization`)
describeGeneralization(2, 3);
