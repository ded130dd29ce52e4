// natural pulls in dotenv, which prints tips on stdout unless told to be quiet.
process.env.DOTENV_CONFIG_QUIET = "true";
